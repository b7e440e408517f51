package dev.forecourt.platform.housekeeping;

import dev.forecourt.platform.config.Setting;
import dev.forecourt.platform.config.SettingGroup;
import jakarta.enterprise.context.Dependent;
import java.time.Duration;

/**
 * The settings of the housekeeping timer (the retentions it applies are declared by their owners).
 */
@Dependent
public class HousekeepingSettings implements SettingGroup {

  public static final Setting<Duration> INTERVAL =
      Setting.duration(
              "forecourt.housekeeping.interval",
              "PT1H",
              "how often each node runs the purges (read at deployment)")
          .readAtStart();

  public static final Setting<Duration> IDEMPOTENCY_RETENTION =
      Setting.duration(
          "forecourt.idempotency.retention",
          "P1D",
          "how long the answer to an Idempotency-Key is remembered");
}
