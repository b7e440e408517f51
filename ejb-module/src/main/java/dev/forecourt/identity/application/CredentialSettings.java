package dev.forecourt.identity.application;

import dev.forecourt.platform.config.Setting;
import dev.forecourt.platform.config.SettingGroup;
import jakarta.enterprise.context.Dependent;
import java.time.Duration;

/** The settings of passwords, password resets, second factors and API keys. */
@Dependent
public class CredentialSettings implements SettingGroup {

  public static final Setting<Integer> BCRYPT_COST =
      Setting.integer(
          "forecourt.security.bcrypt-cost", "12", 4, 31, "bcrypt cost of password hashes");

  public static final Setting<Integer> PASSWORD_MIN_LENGTH =
      Setting.integer(
          "forecourt.security.password.min-length",
          "12",
          8,
          1000,
          "shortest new password accepted by a reset");

  public static final Setting<Duration> PASSWORD_RESET_TTL =
      Setting.duration(
          "forecourt.security.password-reset.ttl", "PT30M", "how long a reset token is valid");

  public static final Setting<String> PASSWORD_RESET_LINK =
      Setting.text(
          "forecourt.security.password-reset.link",
          "http://localhost:8080/reset-password?token=",
          "the link in the reset mail (the token is appended)");

  public static final Setting<String> TOTP_ISSUER =
      Setting.text(
          "forecourt.security.totp.issuer", "Forecourt", "the issuer name authenticator apps show");

  public static final Setting<Duration> API_KEY_ROTATION_OVERLAP =
      Setting.duration(
          "forecourt.security.api-key.rotation-overlap",
          "PT24H",
          "how long a rotated API key's old secret keeps working (default of ?overlap=)");

  public static final Setting<Duration> INVITATION_TTL =
      Setting.duration(
          "forecourt.security.invitation.ttl",
          "P3D",
          "how long the set-password link of an invitation mail is valid");

  public static final Setting<Duration> TOKEN_CUTOFFS_CACHE_TTL =
      Setting.durationOrZero(
          "forecourt.security.token-cutoffs.cache-ttl",
          "PT10S",
          "how long a node keeps disabled/changed local accounts before re-reading them (0: every request)");
}
