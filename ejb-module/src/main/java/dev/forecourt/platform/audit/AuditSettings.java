package dev.forecourt.platform.audit;

import dev.forecourt.platform.config.Setting;
import dev.forecourt.platform.config.SettingGroup;
import jakarta.enterprise.context.Dependent;
import java.time.Duration;

/** The settings of the audit trail. */
@Dependent
public class AuditSettings implements SettingGroup {

  public static final Setting<Duration> RETENTION =
      Setting.duration(
          "forecourt.audit.retention",
          "P90D",
          "audit records older than this are purged (behind a checkpoint)");
}
