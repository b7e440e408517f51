package dev.forecourt.platform.ratelimit;

import dev.forecourt.platform.config.Setting;
import dev.forecourt.platform.config.SettingGroup;
import jakarta.enterprise.context.Dependent;

/** The settings of the rate limits (applied by the web module's filter, read on every request). */
@Dependent
public class RateLimitSettings implements SettingGroup {

  private static final int MAX = 1_000_000_000;

  public static final Setting<Boolean> ENABLED =
      Setting.flag("forecourt.rate-limit.enabled", "true", "apply the rate limits");

  public static final Setting<Integer> ANONYMOUS =
      Setting.integer(
          "forecourt.rate-limit.anonymous.per-minute",
          "100",
          1,
          MAX,
          "requests a minute per client IP without a token");

  public static final Setting<Integer> USER =
      Setting.integer(
          "forecourt.rate-limit.user.per-minute",
          "1000",
          1,
          MAX,
          "requests a minute per signed-in user");

  public static final Setting<Integer> LOGIN =
      Setting.integer(
          "forecourt.rate-limit.login.per-minute",
          "10",
          1,
          MAX,
          "logins a minute per client IP, and per username");

  public static final Setting<Integer> API_KEY =
      Setting.integer(
          "forecourt.rate-limit.api-key.per-minute",
          "1000",
          1,
          MAX,
          "requests a minute per API key");
}
