package dev.forecourt.inventory.application;

import dev.forecourt.platform.config.Setting;
import dev.forecourt.platform.config.SettingGroup;
import jakarta.enterprise.context.Dependent;

/** The limits of vehicle photos. */
@Dependent
public class PhotoSettings implements SettingGroup {

  public static final Setting<Integer> MAX_BYTES =
      Setting.integer(
          "forecourt.photos.max-bytes",
          "5242880",
          1024,
          50 * 1024 * 1024,
          "largest photo upload in bytes (413 above)");

  public static final Setting<Integer> MAX_PIXELS =
      Setting.integer(
          "forecourt.photos.max-pixels",
          "24000000",
          1,
          100_000_000,
          "most pixels (width × height) of a photo, checked before it is decoded (422 above)");

  public static final Setting<Integer> MAX_PER_VEHICLE =
      Setting.integer(
          "forecourt.photos.max-per-vehicle",
          "20",
          1,
          200,
          "most photos of one vehicle (422 above)");
}
