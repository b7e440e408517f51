package dev.forecourt.systemtest.support;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Crafts access tokens signed with the server's own active signing key, read from its database: a
 * token that is wrong in exactly one way (expired, wrong audience...) is then refused for that
 * reason alone, not for its signature.
 */
public final class LocalKeys {

  private LocalKeys() {}

  public record Key(String kid, PrivateKey privateKey) {}

  public static Key active() {
    try (Connection c = ForecourtServer.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select kid, private_key from signing_key where retired_at is null order by created_at desc limit 1")) {
      if (!rs.next()) {
        throw new IllegalStateException("no active signing key in the database");
      }
      PrivateKey key =
          KeyFactory.getInstance("RSA")
              .generatePrivate(
                  new PKCS8EncodedKeySpec(
                      Base64.getDecoder().decode(unseal(rs.getString(2), rs.getString(1)))));
      return new Key(rs.getString(1), key);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The stored private key in clear: the row is {@code gcm1:<key id>:<base64 of IV and
   * ciphertext>}, AES-256-GCM under the server's FORECOURT_SECRETS_KEY, bound to the kid.
   */
  private static String unseal(String stored, String kid) throws Exception {
    String[] parts = stored.split(":", 3);
    if (parts.length != 3 || !parts[0].equals("gcm1")) {
      throw new IllegalStateException("The signing key is not encrypted at rest");
    }
    byte[] key =
        Base64.getDecoder()
            .decode(System.getProperty("forecourt.systemtest.env.FORECOURT_SECRETS_KEY"));
    byte[] sealed = Base64.getDecoder().decode(parts[2]);
    javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(
        javax.crypto.Cipher.DECRYPT_MODE,
        new javax.crypto.spec.SecretKeySpec(key, "AES"),
        new javax.crypto.spec.GCMParameterSpec(128, sealed, 0, 12));
    cipher.updateAAD(("signing-key:" + kid).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return new String(
        cipher.doFinal(sealed, 12, sealed.length - 12), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Claims of a valid 5-minute token of user {@code name} with {@code groups}. */
  public static JWTClaimsSet.Builder claims(String name, List<String> groups) {
    Instant now = Instant.now();
    JWTClaimsSet.Builder b =
        new JWTClaimsSet.Builder()
            .issuer("forecourt")
            .audience("forecourt-api")
            .subject(name)
            .claim("upn", name)
            .issueTime(Date.from(now))
            .notBeforeTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(300)))
            .jwtID(UUID.randomUUID().toString());
    if (groups != null) {
      b.claim("groups", groups);
    }
    return b;
  }

  public static String sign(JWTClaimsSet claims, String kid, PrivateKey key) {
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(kid).build(),
              claims);
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Signed with the server's active key. */
  public static String sign(JWTClaimsSet claims) {
    Key k = active();
    return sign(claims, k.kid(), k.privateKey());
  }
}
