package dev.forecourt.platform.maintenance;

import dev.forecourt.platform.config.Setting;
import dev.forecourt.platform.config.SettingGroup;
import jakarta.enterprise.context.Dependent;
import java.time.Duration;

/** The settings of the maintenance switch. */
@Dependent
public class MaintenanceSettings implements SettingGroup {

  public static final Setting<Duration> CACHE_TTL =
      Setting.durationOrZero(
          "forecourt.maintenance.cache-ttl",
          "PT2S",
          "how long a node trusts its last read of the maintenance switch (PT0S: read it on every write)");
}
