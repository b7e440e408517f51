package dev.forecourt.identity.application;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.forecourt.platform.health.StartupPhases;
import dev.forecourt.platform.security.Role;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The RS256 keys of Forecourt's own access tokens, kept in the database (never in the source): the
 * newest active key signs, the published set (the JWKS) holds it and the keys retired less than the
 * overlap ago. Created on first use; rotated by an admin. Every node reads the same table, and
 * re-reads it at most every few seconds, so a rotation on one node reaches the others.
 *
 * <p>What was read is kept: when a re-read fails because the database does not answer, tokens go on
 * being verified (and issued, should a login get that far) with the keys read last, and the next
 * re-read is tried a reload interval later. The reads run in {@link SigningKeyStore}'s own
 * transactions, never in the caller's.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@PermitAll
public class SigningKeys {

  private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());
  private static final Duration RELOAD = Duration.ofSeconds(5);

  @EJB SigningKeyStore store;

  @Inject StartupPhases phases;

  @Inject Event<SigningKeysChanged> changed;

  private final Clock clock = Clock.systemUTC();
  private volatile Loaded loaded;
  private volatile boolean stale;
  private volatile Set<String> publishedIds;

  /** The keys read at {@code at} (or, after a failed re-read, kept at {@code at}). */
  private record Loaded(SigningKeyStore.Keys keys, Instant at) {}

  /** Makes sure a signing key exists before the first login. */
  @PostConstruct
  void init() {
    current(true);
    phases.completed(StartupPhases.SIGNING_KEYS);
  }

  /** The key that signs new tokens (with its private part). */
  public RSAKey signer() {
    return current(false).keys().signer();
  }

  /** The public keys a verifier accepts; {@code refresh} re-reads the table first. */
  public JWKSet published(boolean refresh) {
    return current(refresh).keys().published();
  }

  /**
   * Retires the signing key and creates a new one; the old one stays published for the overlap.
   * Audited (by the store, in the rotation's transaction): the new and the retired key ids.
   */
  @RolesAllowed(Role.ADMIN_NAME)
  @Lock(LockType.WRITE)
  public SigningKeyStore.Rotation rotate() {
    SigningKeyStore.Rotation rotation = store.rotate(clock.instant());
    loaded = null;
    LOG.info(
        () ->
            "Token signing key rotated: new kid "
                + rotation.id()
                + ", retired "
                + rotation.retired());
    return rotation;
  }

  /**
   * Revokes every published key and creates a new signing key: tokens signed before are refused at
   * once on this node (its keys are read again now, and the verified tokens of the revoked keys
   * forgotten) and within the reload interval on the others. Audited by the store.
   */
  @RolesAllowed(Role.ADMIN_NAME)
  @Lock(LockType.WRITE)
  public SigningKeyStore.Rotation revoke() {
    SigningKeyStore.Rotation revocation = store.revoke(clock.instant());
    loaded = null;
    current(true);
    LOG.warning(
        () ->
            "Token signing keys revoked: "
                + revocation.retired()
                + "; new kid "
                + revocation.id()
                + " (tokens signed before are refused)");
    return revocation;
  }

  private static Set<String> keyIds(Loaded l) {
    return l.keys().published().getKeys().stream()
        .map(JWK::getKeyID)
        .collect(Collectors.toUnmodifiableSet());
  }

  private Loaded current(boolean refresh) {
    Loaded l = loaded;
    Instant now = clock.instant();
    if (l != null && !refresh && now.isBefore(l.at().plus(RELOAD))) {
      return l;
    }
    try {
      l = new Loaded(store.load(now), now);
      Set<String> kids = keyIds(l);
      Set<String> before = publishedIds;
      publishedIds = kids;
      if (before != null && !kids.equals(before)) {
        // e.g. the verified-token cache forgets tokens of a key that left the set
        changed.fire(new SigningKeysChanged(kids));
      }
      if (stale) {
        stale = false;
        LOG.info("Token signing keys read again");
      }
    } catch (EJBException e) {
      Loaded kept = loaded;
      if (kept == null) {
        throw e;
      }
      if (!stale) {
        stale = true;
        LOG.warning(
            () ->
                "Token signing keys cannot be re-read ("
                    + e.getMessage()
                    + "); the keys read at "
                    + kept.at()
                    + " stay in use");
      }
      l = new Loaded(kept.keys(), now);
    }
    loaded = l;
    return l;
  }
}
