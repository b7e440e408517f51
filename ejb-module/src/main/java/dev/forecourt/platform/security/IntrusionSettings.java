package dev.forecourt.platform.security;

import dev.forecourt.platform.config.Setting;
import dev.forecourt.platform.config.SettingGroup;
import jakarta.enterprise.context.Dependent;
import java.time.Duration;

/** The settings of intrusion detection (read on every request and event). */
@Dependent
public class IntrusionSettings implements SettingGroup {

  public static final Setting<Boolean> ENABLED =
      Setting.flag("forecourt.intrusion.enabled", "true", "inspect requests for attack patterns");

  public static final Setting<Integer> BLOCK_THRESHOLD =
      Setting.integer(
          "forecourt.intrusion.block-threshold",
          "5",
          1,
          10_000,
          "intrusion events from one address within the window that block it");

  public static final Setting<Duration> WINDOW =
      Setting.duration("forecourt.intrusion.window", "PT10M", "the window of those events");

  public static final Setting<Duration> BLOCK_DURATION =
      Setting.duration(
          "forecourt.intrusion.block-duration", "PT15M", "how long an address stays blocked");
}
