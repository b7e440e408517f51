package dev.forecourt.identity.application;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random opaque secrets (refresh tokens, API key secrets, password reset tokens): 256 bits,
 * URL-safe.
 */
final class OpaqueTokens {

  private static final SecureRandom RANDOM = new SecureRandom();

  private OpaqueTokens() {}

  static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
