package dev.forecourt.platform.observability;

import dev.forecourt.platform.config.Setting;
import dev.forecourt.platform.config.SettingGroup;
import jakarta.enterprise.context.Dependent;

/** Forecourt's own log file (JSON lines) and its access log; read when the application starts. */
@Dependent
public class LogSettings implements SettingGroup {

  public static final Setting<Boolean> JSON =
      Setting.flag(
              "forecourt.log.json",
              "true",
              "write the application's log lines and the access log as JSON lines to forecourt.log.file"
                  + " (besides the server's log)")
          .readAtStart();

  public static final Setting<String> FILE =
      Setting.text(
              "forecourt.log.file",
              null,
              "the JSON log file (rotated at 50 MiB, 5 generations: .0 is the newest); unset: the"
                  + " server instance's logs/forecourt.json.log")
          .serverOnly();

  public static final Setting<Boolean> ACCESS =
      Setting.flag(
              "forecourt.log.access",
              "true",
              "one access log line per API request (method, endpoint template, status, duration,"
                  + " correlation and trace id, user)")
          .readAtStart();
}
