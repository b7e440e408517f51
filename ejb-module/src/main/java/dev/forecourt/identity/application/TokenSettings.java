package dev.forecourt.identity.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The settings of Forecourt's own tokens and logins ({@code forecourt.security.*}). */
@ApplicationScoped
public class TokenSettings {

  @Inject
  @ConfigProperty(name = "forecourt.security.token.issuer", defaultValue = "forecourt")
  String issuer;

  @Inject
  @ConfigProperty(name = "forecourt.security.token.audience", defaultValue = "forecourt-api")
  String audience;

  @Inject
  @ConfigProperty(name = "forecourt.security.token.lifetime", defaultValue = "PT15M")
  String accessTokenLifetime;

  @Inject
  @ConfigProperty(name = "forecourt.security.refresh-token.lifetime", defaultValue = "P7D")
  String refreshTokenLifetime;

  @Inject
  @ConfigProperty(name = "forecourt.security.signing-key.overlap", defaultValue = "PT1H")
  String signingKeyOverlap;

  @Inject
  @ConfigProperty(name = "forecourt.security.lockout.max-failures", defaultValue = "5")
  int lockoutMaxFailures;

  @Inject
  @ConfigProperty(name = "forecourt.security.lockout.duration", defaultValue = "PT15M")
  String lockoutDuration;

  /**
   * An ISO-8601 duration such as PT15M (MP Config has no standard Duration converter, and
   * Payara's has none).
   */
  public static Duration duration(String value) {
    try {
      return Duration.parse(value.trim());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Not an ISO-8601 duration (like PT15M): " + value, e);
    }
  }

  public String issuer() {
    return issuer;
  }

  public String audience() {
    return audience;
  }

  public Duration accessTokenLifetime() {
    return duration(accessTokenLifetime);
  }

  public Duration refreshTokenLifetime() {
    return duration(refreshTokenLifetime);
  }

  /** How long a retired signing key stays published: at least one access-token lifetime. */
  public Duration signingKeyOverlap() {
    Duration overlap = duration(signingKeyOverlap);
    return overlap.compareTo(accessTokenLifetime()) < 0 ? accessTokenLifetime() : overlap;
  }

  public int lockoutMaxFailures() {
    return lockoutMaxFailures;
  }

  public Duration lockoutDuration() {
    return duration(lockoutDuration);
  }
}
