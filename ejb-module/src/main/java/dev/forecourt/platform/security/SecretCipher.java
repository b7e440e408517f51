package dev.forecourt.platform.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts the secrets Forecourt stores (TOTP secrets, signing keys, webhook secrets) with
 * AES-256-GCM under {@code forecourt.secrets.key} (base64 of 32 random bytes). A stored value reads
 * {@code gcm1:<key id>:<base64 of IV and ciphertext>}; the key id lets values written under a
 * previous key ({@code forecourt.secrets.previous-keys}, comma-separated) still be read after the
 * key is rotated. Each value is bound to what it belongs to (associated data such as {@code
 * totp:42}), so a ciphertext copied to another row does not decrypt.
 */
@ApplicationScoped
public class SecretCipher {

  static final String PREFIX = "gcm1:";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecureRandom random = new SecureRandom();
  private final Map<String, SecretKey> keys = new LinkedHashMap<>();
  private String currentId;

  @PostConstruct
  void load() {
    SecretKey current =
        key(
            SecuritySettings.SECRETS_KEY
                .find()
                .orElseThrow(() -> new IllegalStateException(KEY_REQUIRED)));
    currentId = id(current);
    keys.put(currentId, current);
    for (String encoded : SecuritySettings.SECRETS_PREVIOUS_KEYS.find().orElse(List.of())) {
      SecretKey previous = key(encoded);
      keys.putIfAbsent(id(previous), previous);
    }
  }

  public static final String KEY_REQUIRED =
      "forecourt.secrets.key (FORECOURT_SECRETS_KEY) must be the base64 of 32 random bytes, e.g. from `openssl rand -base64 32`";

  /** Checks a configured key without keeping it; answers what is wrong, or null. */
  public static String problemWith(String encoded) {
    try {
      key(encoded);
      return null;
    } catch (IllegalStateException e) {
      return e.getMessage();
    }
  }

  public String encrypt(String plaintext, String boundTo) {
    try {
      byte[] iv = new byte[IV_BYTES];
      random.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[iv.length + sealed.length];
      System.arraycopy(iv, 0, out, 0, iv.length);
      System.arraycopy(sealed, 0, out, iv.length, sealed.length);
      return PREFIX + currentId + ":" + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  public String decrypt(String stored, String boundTo) {
    if (!isEncrypted(stored)) {
      throw new IllegalArgumentException("Not an encrypted value");
    }
    String[] parts = stored.split(":", 3);
    SecretKey key = keys.get(parts[1]);
    if (key == null) {
      throw new IllegalStateException(
          "A stored secret is encrypted under key "
              + parts[1]
              + ", which is neither forecourt.secrets.key nor in forecourt.secrets.previous-keys");
    }
    try {
      byte[] in = Base64.getDecoder().decode(parts[2]);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
      cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
      return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("A stored secret failed its integrity check", e);
    }
  }

  /** True if the value was written under a key other than the current one (to re-encrypt). */
  public boolean needsReencryption(String stored) {
    return !isEncrypted(stored) || !stored.split(":", 3)[1].equals(currentId);
  }

  public static boolean isEncrypted(String stored) {
    return stored != null && stored.startsWith(PREFIX) && stored.split(":", 3).length == 3;
  }

  /** How a secret is shown once it is stored: never its value, only that there is one. */
  public static String mask(String secret) {
    return secret == null || secret.isEmpty() ? "" : "********";
  }

  private static SecretKey key(String encoded) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(encoded.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(KEY_REQUIRED);
    }
    if (bytes.length != 32) {
      throw new IllegalStateException(KEY_REQUIRED);
    }
    return new SecretKeySpec(bytes, "AES");
  }

  /** A key's public id: the first 8 hex digits of SHA-256 of the key. */
  private static String id(SecretKey key) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()), 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
