package dev.forecourt.platform.health;

import dev.forecourt.platform.config.Setting;
import dev.forecourt.platform.config.SettingGroup;
import jakarta.enterprise.context.Dependent;
import java.time.Duration;

/** The settings of the health checks and of the drain before a node stops. */
@Dependent
public class HealthSettings implements SettingGroup {

  public static final Setting<Duration> PROBE_INTERVAL =
      Setting.duration(
          "forecourt.health.probe-interval",
          "PT2S",
          "how often the readiness checks run in the background");

  public static final Setting<Duration> MAX_AGE =
      Setting.duration(
          "forecourt.health.max-age", "PT5S", "readiness results older than this count as DOWN");

  public static final Setting<String> SELF_CHECK_BASE_URL =
      Setting.text(
              "forecourt.health.self-check.base-url",
              null,
              "http://host:port of this node's HTTP listener for the authentication self-check")
          .checkedBy(
              url -> url.matches("https?://[^/?#\\s]+/?"),
              "must be http(s)://host:port of this server");

  public static final Setting<Duration> SELF_CHECK_PATIENCE =
      Setting.duration(
          "forecourt.health.self-check.patience",
          "PT60S",
          "how long the authentication self-check may go unanswered (a busy node) before DOWN");

  public static final Setting<Duration> DRAIN_TIMEOUT =
      Setting.duration(
          "forecourt.shutdown.drain-timeout",
          "PT30S",
          "how long a stopping node waits for its requests in flight");

  public static final Setting<String> DRAIN_FILE =
      Setting.text(
          "forecourt.shutdown.drain-file",
          null,
          "the file whose presence takes this node out of readiness (set by configure-domain.sh)");
}
