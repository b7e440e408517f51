package dev.forecourt.platform.security;

import dev.forecourt.platform.config.Setting;
import dev.forecourt.platform.config.SettingGroup;
import jakarta.enterprise.context.Dependent;
import java.time.Duration;
import java.util.List;

/** The settings of token verification, CORS and the key of secrets stored at rest. */
@Dependent
public class SecuritySettings implements SettingGroup {

  public static final Setting<Boolean> LOCAL_ACCOUNTS =
      Setting.flag(
          "forecourt.security.local-accounts.enabled",
          "true",
          "trust Forecourt's own tokens (local login)");

  public static final Setting<Duration> JWKS_CACHE_TTL =
      Setting.duration(
          "forecourt.security.jwks.cache-ttl", "PT5M", "how long the provider's JWKS is cached");

  public static final Setting<Duration> JWKS_REFRESH_MIN_INTERVAL =
      Setting.duration(
          "forecourt.security.jwks.refresh-min-interval",
          "PT10S",
          "an unknown kid re-reads the JWKS at most this often");

  public static final Setting<Duration> JWKS_OUTAGE_TOLERANCE =
      Setting.duration(
          "forecourt.security.jwks.outage-tolerance",
          "PT1H",
          "while the JWKS cannot be read, the keys read last keep verifying tokens this long past their cache time");

  public static final Setting<List<String>> CORS_ALLOWED_ORIGINS =
      Setting.list(
              "forecourt.cors.allowed-origins",
              "comma-separated origins allowed by CORS (exact match)")
          .readAtStart();

  public static final Setting<String> SECRETS_KEY =
      Setting.text(
              "forecourt.secrets.key",
              null,
              "base64 of 32 random bytes: the AES-256-GCM key of secrets stored at rest")
          .checkedBy(k -> SecretCipher.problemWith(k) == null, SecretCipher.KEY_REQUIRED)
          .required(SecretCipher.KEY_REQUIRED)
          .secret()
          .serverOnly();

  public static final Setting<List<String>> SECRETS_PREVIOUS_KEYS =
      Setting.list(
              "forecourt.secrets.previous-keys",
              "comma-separated earlier keys, still read after a key rotation")
          .checkedBy(
              keys -> keys.stream().allMatch(k -> SecretCipher.problemWith(k) == null),
              "must list base64 AES-256 keys, comma-separated")
          .secret()
          .serverOnly();

  public static final Setting<String> TRUSTED_PROXIES =
      Setting.text(
              "forecourt.http.trusted-proxies",
              null,
              "reverse proxies whose X-Forwarded-For / Forwarded is believed: IP addresses and CIDR blocks")
          .checkedBy(
              v -> TrustedProxies.problemWith(v) == null,
              "must list IP addresses or CIDR blocks, comma-separated")
          .serverOnly();
}
