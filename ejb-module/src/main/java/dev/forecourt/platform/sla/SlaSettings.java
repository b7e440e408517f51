package dev.forecourt.platform.sla;

import dev.forecourt.platform.config.Setting;
import dev.forecourt.platform.config.SettingGroup;
import dev.forecourt.platform.config.Settings;
import jakarta.enterprise.context.Dependent;
import java.time.Duration;

/** The service-level objectives and how the monitor judges them (read at every evaluation). */
@Dependent
public class SlaSettings implements SettingGroup {

  public static final Setting<Double> AVAILABILITY =
      ratio(
          "forecourt.sla.availability",
          "0.999",
          "availability objective: the share of readiness checks that find the node ready");

  public static final Setting<Duration> LATENCY =
      Setting.duration(
          "forecourt.sla.latency",
          "PT1S",
          "latency objective: 99 % of the API's answers are at most this slow");

  public static final Setting<Double> ERROR_RATE =
      ratio(
          "forecourt.sla.error-rate",
          "0.01",
          "error-rate objective: at most this share of the API's answers are server errors (5xx)");

  public static final Setting<Duration> WINDOW =
      Setting.duration(
              "forecourt.sla.window",
              "PT5M",
              "the sliding window over which the objectives are judged (at most PT1H)")
          .checkedBy(d -> d.toSeconds() <= 3600, "must be at most PT1H");

  public static final Setting<Integer> MIN_REQUESTS =
      Setting.integer(
          "forecourt.sla.min-requests",
          "20",
          1,
          1_000_000,
          "answers a window needs before the latency and error-rate objectives are judged");

  /** The objectives in force now. */
  static Objective.Targets targets(Settings settings) {
    return new Objective.Targets(
        settings.get(AVAILABILITY),
        settings.get(LATENCY),
        settings.get(ERROR_RATE),
        settings.get(WINDOW),
        settings.get(MIN_REQUESTS));
  }

  private static Setting<Double> ratio(String name, String defaultValue, String meaning) {
    return Setting.<Double>of(
            name, Double.class, defaultValue, Double::valueOf, "must be a number", meaning)
        .checkedBy(v -> v > 0 && v < 1, "must be between 0 and 1 (both excluded)");
  }
}
