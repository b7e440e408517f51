package dev.forecourt.integration.application;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Message signatures in the Standard Webhooks style (standardwebhooks.com), for both directions:
 * HMAC-SHA256 over {@code <webhook-id>.<webhook-timestamp>.<body>} with the secret's bytes (the
 * base64 after {@code whsec_}); header {@code webhook-signature: v1,<base64 MAC>} (several
 * space-separated signatures are allowed, e.g. during a secret rotation).
 */
public final class WebhookSignature {

  public static final String ID_HEADER = "webhook-id";
  public static final String TIMESTAMP_HEADER = "webhook-timestamp";
  public static final String SIGNATURE_HEADER = "webhook-signature";
  static final String SECRET_PREFIX = "whsec_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private WebhookSignature() {}

  /** A new secret: {@code whsec_} and 32 random bytes in base64. */
  public static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return SECRET_PREFIX + Base64.getEncoder().encodeToString(bytes);
  }

  /** Whether {@code secret} is a {@code whsec_} secret of at least 24 bytes. */
  public static boolean isWellFormed(String secret) {
    try {
      return secret != null && secret.startsWith(SECRET_PREFIX) && key(secret).length >= 24;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The {@code webhook-signature} header value for a message. */
  public static String sign(String secret, String id, long timestamp, byte[] body) {
    return "v1," + Base64.getEncoder().encodeToString(mac(secret, id, timestamp, body));
  }

  /**
   * Whether one of the {@code v1} signatures in {@code header} is the message's (constant-time
   * compare).
   */
  public static boolean verify(
      String secret, String id, long timestamp, byte[] body, String header) {
    if (header == null) {
      return false;
    }
    byte[] expected = mac(secret, id, timestamp, body);
    boolean match = false;
    for (String candidate : header.trim().split(" +")) {
      if (!candidate.startsWith("v1,")) {
        continue;
      }
      byte[] given;
      try {
        given = Base64.getDecoder().decode(candidate.substring(3));
      } catch (IllegalArgumentException e) {
        continue;
      }
      match |= MessageDigest.isEqual(expected, given);
    }
    return match;
  }

  private static byte[] mac(String secret, String id, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
      mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static byte[] key(String secret) {
    return Base64.getDecoder()
        .decode(
            secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret);
  }
}
