package dev.forecourt.identity.application;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Which access tokens of local accounts are refused although their signature and expiry are good:
 * all of a disabled account's, and those issued before an account's roles or dealerships changed —
 * a token carries the account's token generation ({@code gen} claim), which such a change raises
 * ({@code user_account.token_generation}). The check runs on every request with a bearer token of
 * Forecourt's own issuer and costs no query: the few accounts concerned (disabled ones, and those
 * changed within the last access-token lifetime) are read at most once per {@code
 * forecourt.security.token-cutoffs.cache-ttl} (PT10S). A change made on this node is seen at once
 * ({@link #invalidate()} after its commit), one made on another node of the cluster within the
 * cache TTL. One caller reads, the others keep the previous answer meanwhile — unless a change on
 * this node invalidated it, then they wait for the read; when the database cannot be read the last
 * known cut-offs stay (none before the first read).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TokenCutoffs {

  private static final Logger LOG = Logger.getLogger(TokenCutoffs.class.getName());

  /** The cut-off of a disabled account: every token is refused. */
  private static final long ALL = Long.MAX_VALUE;

  @PersistenceContext(unitName = "forecourt")
  EntityManager em;

  @Inject TokenSettings settings;

  private final Clock clock = Clock.systemUTC();
  private final ReentrantLock refreshing = new ReentrantLock();
  private final AtomicLong generation = new AtomicLong();
  private volatile Cached cached = new Cached(Map.of(), 0L, false, -1L);

  /**
   * The lowest accepted generation by username, read at {@code readAtNanos}; {@code loaded} false
   * until read once.
   */
  private record Cached(
      Map<String, Long> cutoffs, long readAtNanos, boolean loaded, long generation) {}

  /**
   * False when the token of local account {@code username} with token generation {@code generation}
   * (the {@code gen} claim; absent: 0) must be refused: the account is disabled, or its roles or
   * dealerships changed after the token was issued.
   */
  public boolean accepts(String username, Object generation) {
    Long lowest = current().get(username);
    if (lowest == null) {
      return true;
    }
    long gen = generation instanceof Number n ? n.longValue() : 0L;
    return lowest != ALL && gen >= lowest;
  }

  /**
   * Forgets the cached cut-offs: the next check reads the database, and waits for a read already
   * under way (which may have begun before the change) instead of taking the previous answer.
   */
  public void invalidate() {
    generation.incrementAndGet();
  }

  private Map<String, Long> current() {
    Cached c = cached;
    if (fresh(c)) {
      return c.cutoffs();
    }
    if (!refreshing.tryLock()) {
      if (c.generation() == generation.get()) {
        return c.cutoffs(); // only aged: someone else is reading them right now
      }
      refreshing.lock(); // invalidated by a change: never answer from before it
    }
    try {
      c = cached;
      if (fresh(c)) {
        return c.cutoffs();
      }
      return refresh();
    } finally {
      refreshing.unlock();
    }
  }

  /** Read within the TTL, and no change invalidated it since. */
  private boolean fresh(Cached c) {
    return c.loaded()
        && c.generation() == generation.get()
        && System.nanoTime() - c.readAtNanos() < ttl().toNanos();
  }

  private Map<String, Long> refresh() {
    long before = generation.get();
    // a token issued before now - lifetime - skew has expired anyway: older cut-offs do not matter
    Instant since =
        clock.instant().minus(settings.accessTokenLifetime()).minus(Duration.ofMinutes(1));
    Map<String, Long> cutoffs = new HashMap<>();
    try {
      List<Object[]> rows =
          em.createQuery(
                  "select u.username, u.enabled, u.tokenGeneration from UserAccount u"
                      + " where u.enabled = false or u.tokensChangedAt > :since",
                  Object[].class)
              .setParameter("since", since)
              .getResultList();
      for (Object[] row : rows) {
        cutoffs.put(
            (String) row[0], Boolean.TRUE.equals(row[1]) ? ((Number) row[2]).longValue() : ALL);
      }
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "The token cut-offs of local accounts could not be read; keeping the last known ones",
          e);
      Cached c = cached;
      cached = new Cached(c.cutoffs(), System.nanoTime(), c.loaded(), before);
      return c.cutoffs();
    }
    Map<String, Long> read = Map.copyOf(cutoffs);
    // invalidated while reading: kept under the generation read, so the next check reads again
    // (what was read may predate the change)
    cached = new Cached(read, System.nanoTime(), true, before);
    return read;
  }

  private static Duration ttl() {
    return CredentialSettings.TOKEN_CUTOFFS_CACHE_TTL.get();
  }
}
