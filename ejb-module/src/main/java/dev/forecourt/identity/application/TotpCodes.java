package dev.forecourt.identity.application;

import dev.samstevens.totp.code.CodeGenerator;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.recovery.RecoveryCodeGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * RFC 6238 time-based one-time codes (SHA-1, 6 digits, 30 s: what every authenticator app reads)
 * through the {@code dev.samstevens.totp} library: secrets, the {@code otpauth://} URI and its QR
 * code, verification that tolerates one step of clock drift either way, and recovery codes.
 * Verification answers the time step of the matching code, so that a code is accepted once only.
 */
@ApplicationScoped
public class TotpCodes {

  static final int PERIOD_SECONDS = 30;
  static final int DIGITS = 6;
  private static final int DRIFT_STEPS = 1;

  private final CodeGenerator generator = new DefaultCodeGenerator(HashingAlgorithm.SHA1, DIGITS);

  /** A new 160-bit secret in base32. */
  public String newSecret() {
    return new DefaultSecretGenerator(32).generate();
  }

  /** What an authenticator app scans: the {@code otpauth://} URI and a PNG of its QR code. */
  public record Provisioning(String uri, byte[] qrPng) {}

  public Provisioning provisioning(String secret, String account, String issuer) {
    QrData data =
        new QrData.Builder()
            .label(issuer + ":" + account)
            .secret(secret)
            .issuer(issuer)
            .algorithm(HashingAlgorithm.SHA1)
            .digits(DIGITS)
            .period(PERIOD_SECONDS)
            .build();
    try {
      return new Provisioning(data.getUri(), new ZxingPngQrGenerator().generate(data));
    } catch (QrGenerationException e) {
      throw new IllegalStateException("The enrolment QR code cannot be drawn", e);
    }
  }

  /**
   * The time step of {@code code} if it is valid now (within the drift) for a step after {@code
   * lastStep}; empty otherwise. Compared in constant time.
   */
  public OptionalLong verify(String secret, String code, Instant now, long lastStep) {
    if (code == null || !code.matches("\\d{" + DIGITS + "}")) {
      return OptionalLong.empty();
    }
    long current = step(now);
    byte[] presented = code.getBytes(StandardCharsets.UTF_8);
    long matched = Long.MIN_VALUE;
    for (long s = current - DRIFT_STEPS; s <= current + DRIFT_STEPS; s++) {
      try {
        if (MessageDigest.isEqual(
                presented, generator.generate(secret, s).getBytes(StandardCharsets.UTF_8))
            && s > lastStep) {
          matched = s;
        }
      } catch (CodeGenerationException e) {
        throw new IllegalStateException("A one-time code cannot be computed", e);
      }
    }
    return matched == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(matched);
  }

  public static long step(Instant now) {
    return Math.floorDiv(now.getEpochSecond(), PERIOD_SECONDS);
  }

  /** Ten one-time recovery codes ({@code xxxx-xxxx-xxxx-xxxx}). */
  public List<String> recoveryCodes() {
    return List.of(new RecoveryCodeGenerator().generateCodes(10));
  }

  /** True if the value has the shape of a recovery code rather than a TOTP code. */
  public static boolean looksLikeRecoveryCode(String value) {
    return value != null && value.matches("[a-z0-9]{4}(-[a-z0-9]{4}){3}");
  }
}
