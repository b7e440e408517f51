package dev.forecourt.identity.application;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.forecourt.identity.domain.Role;
import dev.forecourt.identity.domain.SigningKey;
import dev.forecourt.platform.health.StartupPhases;
import dev.forecourt.platform.security.SecretCipher;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The RS256 keys of Forecourt's own access tokens, kept in the database (never in the source):
 * the newest active key signs, the published set (the JWKS) holds it and the keys retired less
 * than the overlap ago. Created on first use; rotated by an admin. Every node reads the same table,
 * and re-reads it at most every few seconds, so a rotation on one node reaches the others.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@Lock(LockType.READ)
@PermitAll
public class SigningKeys {

  private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());
  private static final Duration RELOAD = Duration.ofSeconds(5);

  @PersistenceContext(unitName = "forecourt")
  EntityManager em;

  @Inject TokenSettings settings;
  @Inject SecretCipher cipher;
  @Inject StartupPhases phases;

  private final Clock clock = Clock.systemUTC();
  private volatile Loaded loaded;

  private record Loaded(RSAKey signer, JWKSet published, Instant at) {}

  /** Makes sure a signing key exists before the first login. */
  @PostConstruct
  void init() {
    current(true);
    phases.completed(StartupPhases.SIGNING_KEYS);
  }

  /** The key that signs new tokens (with its private part). */
  public RSAKey signer() {
    return current(false).signer();
  }

  /** The public keys a verifier accepts; {@code refresh} re-reads the table first. */
  public JWKSet published(boolean refresh) {
    return current(refresh).published();
  }

  /** Retires the signing key and creates a new one; the old one stays published for the overlap. */
  @RolesAllowed(Role.ADMIN_NAME)
  @Lock(LockType.WRITE)
  public String rotate() {
    Instant now = clock.instant();
    em.createQuery("select k from SigningKey k where k.retiredAt is null", SigningKey.class)
        .getResultList().forEach(k -> k.retire(now));
    SigningKey created = create(now);
    loaded = null;
    LOG.info(() -> "Token signing key rotated: new kid " + created.kid());
    return created.kid();
  }

  private Loaded current(boolean refresh) {
    Loaded l = loaded;
    Instant now = clock.instant();
    if (l != null && !refresh && now.isBefore(l.at().plus(RELOAD))) {
      return l;
    }
    l = load(now);
    loaded = l;
    return l;
  }

  private synchronized Loaded load(Instant now) {
    List<SigningKey> keys = em.createQuery("select k from SigningKey k", SigningKey.class).getResultList();
    SigningKey active = keys.stream().filter(SigningKey::active)
        .max(Comparator.comparing(SigningKey::createdAt)).orElse(null);
    if (active == null) {
      active = create(now);
      keys = List.of(active);
    }
    keys.forEach(this::sealAtRest);
    try {
      List<JWK> published = keys.stream()
          .filter(k -> k.publishedAt(now, settings.signingKeyOverlap()))
          .map(k -> parse(k.publicJwk())).toList();
      RSAKey pub = parse(active.publicJwk()).toRSAKey();
      RSAPrivateKey priv = (RSAPrivateKey) KeyFactory.getInstance("RSA")
          .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(
              cipher.decrypt(active.privateKey(), boundTo(active.kid())))));
      RSAKey signer = new RSAKey.Builder(pub).privateKey(priv).build();
      return new Loaded(signer, new JWKSet(published), now);
    } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
      throw new IllegalStateException("The stored token signing key cannot be read", e);
    }
  }

  private SigningKey create(Instant now) {
    try {
      RSAKey key = new RSAKeyGenerator(2048)
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(JWSAlgorithm.RS256)
          .keyID(UUID.randomUUID().toString())
          .generate();
      SigningKey entity = new SigningKey(key.getKeyID(),
          cipher.encrypt(Base64.getEncoder().encodeToString(key.toRSAPrivateKey().getEncoded()), boundTo(key.getKeyID())),
          key.toPublicJWK().toJSONString(), now);
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
      String plain = SecretCipher.isEncrypted(key.privateKey())
          ? cipher.decrypt(key.privateKey(), boundTo(key.kid())) : key.privateKey();
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
