package dev.forecourt.platform.jobs;

import dev.forecourt.platform.config.Setting;
import dev.forecourt.platform.config.SettingGroup;
import jakarta.enterprise.context.Dependent;
import java.time.Duration;

/** The redelivery policy of the job queues (read at each failure: a change applies at once). */
@Dependent
public class JobSettings implements SettingGroup {

  public static final Setting<Integer> EVENTS_LIMIT = limit("events", "5");
  public static final Setting<Duration> EVENTS_DELAY = delay("events", "PT5S");
  public static final Setting<Integer> WEBHOOKS_LIMIT = limit("webhooks", "8");
  public static final Setting<Duration> WEBHOOKS_DELAY = delay("webhooks", "PT30S");

  public static final Setting<Duration> MAX_DELAY =
      Setting.duration(
          "forecourt.jobs.redelivery.max-delay", "PT1H", "the longest wait between two attempts");

  private static Setting<Integer> limit(String queue, String defaultValue) {
    return Setting.integer(
        "forecourt." + queue + ".redelivery.limit",
        defaultValue,
        1,
        100,
        "attempts of a " + queue + " job before the dead letter queue");
  }

  private static Setting<Duration> delay(String queue, String defaultValue) {
    return Setting.duration(
        "forecourt." + queue + ".redelivery.delay",
        defaultValue,
        "first retry delay of a " + queue + " job (doubling, ±20 %)");
  }
}
