package dev.forecourt.identity.application;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.forecourt.identity.domain.SigningKey;
import dev.forecourt.platform.audit.AuditDetails;
import dev.forecourt.platform.audit.Audited;
import dev.forecourt.platform.security.Role;
import dev.forecourt.platform.security.SecretCipher;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The table of token signing keys, each call in a transaction of its own: {@link SigningKeys} keeps
 * what was read, so that a database that does not answer fails a reload, not the caller's
 * transaction. Private keys are encrypted at rest with {@code forecourt.secrets.key}.
 */
@Stateless
@PermitAll
public class SigningKeyStore {

  private static final Logger LOG = Logger.getLogger(SigningKeyStore.class.getName());

  @PersistenceContext(unitName = "forecourt")
  EntityManager em;

  @Inject TokenSettings settings;
  @Inject SecretCipher cipher;

  /** The key that signs (with its private part) and the public keys a verifier accepts. */
  public record Keys(RSAKey signer, JWKSet published) {}

  /** Reads every key (creating the first one, re-encrypting at rest where needed). */
  public Keys load(Instant now) {
    List<SigningKey> keys =
        em.createQuery("select k from SigningKey k", SigningKey.class).getResultList();
    SigningKey active =
        keys.stream()
            .filter(SigningKey::active)
            .max(Comparator.comparing(SigningKey::createdAt))
            .orElse(null);
    if (active == null) {
      active = create(now);
      keys = List.of(active);
    }
    keys.forEach(this::sealAtRest);
    try {
      List<JWK> published =
          keys.stream()
              .filter(k -> k.publishedAt(now, settings.signingKeyOverlap()))
              .map(k -> parse(k.publicJwk()))
              .toList();
      RSAKey pub = parse(active.publicJwk()).toRSAKey();
      RSAPrivateKey priv =
          (RSAPrivateKey)
              KeyFactory.getInstance("RSA")
                  .generatePrivate(
                      new PKCS8EncodedKeySpec(
                          Base64.getDecoder()
                              .decode(cipher.decrypt(active.privateKey(), boundTo(active.kid())))));
      RSAKey signer = new RSAKey.Builder(pub).privateKey(priv).build();
      return new Keys(signer, new JWKSet(published));
    } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
      throw new IllegalStateException("The stored token signing key cannot be read", e);
    }
  }

  /**
   * What a rotation did: the new key's id and the ids of the keys it retired (never key material),
   * as the audit trail records them.
   */
  public record Rotation(String id, List<String> retired) implements AuditDetails {

    @Override
    public Map<String, Object> auditDetails() {
      return Map.of("newKid", id, "retiredKids", retired);
    }
  }

  /** Retires the signing key and stores a new one (audited: the new and the retired key ids). */
  @RolesAllowed(Role.ADMIN_NAME)
  @Audited(entity = "signing-key", action = "rotate")
  public Rotation rotate(Instant now) {
    List<SigningKey> active =
        em.createQuery("select k from SigningKey k where k.retiredAt is null", SigningKey.class)
            .getResultList();
    active.forEach(k -> k.retire(now));
    String kid = create(now).kid();
    return new Rotation(kid, active.stream().map(SigningKey::kid).sorted().toList());
  }

  /**
   * Revokes every key still published (the signing key and those in their overlap: believed
   * compromised) and stores a new signing key; the tokens the revoked keys signed are refused from
   * then on. Audited: the new and the revoked key ids.
   */
  @RolesAllowed(Role.ADMIN_NAME)
  @Audited(entity = "signing-key", action = "revoke")
  public Rotation revoke(Instant now) {
    List<SigningKey> published =
        em.createQuery("select k from SigningKey k", SigningKey.class).getResultList().stream()
            .filter(k -> k.publishedAt(now, settings.signingKeyOverlap()))
            .toList();
    published.forEach(k -> k.revoke(now));
    String kid = create(now).kid();
    return new Rotation(kid, published.stream().map(SigningKey::kid).sorted().toList());
  }

  private SigningKey create(Instant now) {
    try {
      RSAKey key =
          new RSAKeyGenerator(2048)
              .keyUse(KeyUse.SIGNATURE)
              .algorithm(JWSAlgorithm.RS256)
              .keyID(UUID.randomUUID().toString())
              .generate();
      SigningKey entity =
          new SigningKey(
              key.getKeyID(),
              cipher.encrypt(
                  Base64.getEncoder().encodeToString(key.toRSAPrivateKey().getEncoded()),
                  boundTo(key.getKeyID())),
              key.toPublicJWK().toJSONString(),
              now);
      em.persist(entity);
      em.flush();
      return entity;
    } catch (JOSEException e) {
      throw new IllegalStateException("A token signing key cannot be generated", e);
    }
  }

  /**
   * Encrypts a private key stored in clear (written before encryption at rest) or under a previous
   * secrets key, so that rotating {@code forecourt.secrets.key} re-encrypts the table.
   */
  private void sealAtRest(SigningKey key) {
    if (cipher.needsReencryption(key.privateKey())) {
      String plain =
          SecretCipher.isEncrypted(key.privateKey())
              ? cipher.decrypt(key.privateKey(), boundTo(key.kid()))
              : key.privateKey();
      key.storePrivateKey(cipher.encrypt(plain, boundTo(key.kid())));
      LOG.info(() -> "Token signing key " + key.kid() + " (re-)encrypted at rest");
    }
  }

  private static String boundTo(String kid) {
    return "signing-key:" + kid;
  }

  private static JWK parse(String json) {
    try {
      return JWK.parse(json);
    } catch (ParseException e) {
      throw new IllegalStateException("A stored public JWK cannot be read", e);
    }
  }
}
