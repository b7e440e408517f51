package dev.forecourt.identity.application;

import dev.forecourt.platform.config.Setting;
import dev.forecourt.platform.config.SettingGroup;
import dev.forecourt.platform.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/** The settings of Forecourt's own tokens and logins ({@code forecourt.security.*}). */
@ApplicationScoped
public class TokenSettings implements SettingGroup {

  public static final Setting<String> ISSUER =
      Setting.text("forecourt.security.token.issuer", "forecourt", "iss of Forecourt's own tokens");

  public static final Setting<String> AUDIENCE =
      Setting.text(
          "forecourt.security.token.audience", "forecourt-api", "aud of Forecourt's own tokens");

  public static final Setting<Duration> LIFETIME =
      Setting.duration("forecourt.security.token.lifetime", "PT15M", "access-token lifetime");

  public static final Setting<Duration> REFRESH_LIFETIME =
      Setting.duration(
          "forecourt.security.refresh-token.lifetime", "P7D", "refresh-token lifetime");

  public static final Setting<Duration> SIGNING_KEY_OVERLAP =
      Setting.duration(
          "forecourt.security.signing-key.overlap",
          "PT1H",
          "how long a rotated-out signing key stays published (at least one token lifetime)");

  public static final Setting<Integer> LOCKOUT_MAX_FAILURES =
      Setting.integer(
          "forecourt.security.lockout.max-failures",
          "5",
          1,
          1000,
          "failed logins of a name (known or not) before it is locked");

  public static final Setting<Duration> LOCKOUT_DURATION =
      Setting.duration(
          "forecourt.security.lockout.duration", "PT15M", "how long a name stays locked");

  @Inject Settings settings;

  /**
   * An ISO-8601 duration such as PT15M (MP Config has no standard Duration converter, and Payara's
   * has none).
   */
  public static Duration duration(String value) {
    try {
      return Duration.parse(value.trim());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Not an ISO-8601 duration (like PT15M): " + value, e);
    }
  }

  public String issuer() {
    return settings.get(ISSUER);
  }

  public String audience() {
    return settings.get(AUDIENCE);
  }

  public Duration accessTokenLifetime() {
    return settings.get(LIFETIME);
  }

  public Duration refreshTokenLifetime() {
    return settings.get(REFRESH_LIFETIME);
  }

  /** How long a retired signing key stays published: at least one access-token lifetime. */
  public Duration signingKeyOverlap() {
    Duration overlap = settings.get(SIGNING_KEY_OVERLAP);
    return overlap.compareTo(accessTokenLifetime()) < 0 ? accessTokenLifetime() : overlap;
  }

  public int lockoutMaxFailures() {
    return settings.get(LOCKOUT_MAX_FAILURES);
  }

  public Duration lockoutDuration() {
    return settings.get(LOCKOUT_DURATION);
  }
}
