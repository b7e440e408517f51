package dev.forecourt.demo;

import dev.forecourt.platform.config.Setting;
import dev.forecourt.platform.config.SettingGroup;
import jakarta.enterprise.context.Dependent;

/** The settings of the demo data loaded into an empty database. */
@Dependent
public class DemoSettings implements SettingGroup {

  public static final Setting<Boolean> ENABLED =
      Setting.flag(
          "forecourt.demo-data",
          "false",
          "load demo dealerships and vehicles into an empty database at deployment");

  public static final Setting<Integer> VEHICLES =
      Setting.integer("forecourt.demo.vehicles", "500", 0, 200_000, "how many demo vehicles");

  public static final Setting<String> PASSWORD =
      Setting.text(
              "forecourt.demo.password",
              null,
              "password of the demo users; unset: generated and logged once")
          .secret();
}
