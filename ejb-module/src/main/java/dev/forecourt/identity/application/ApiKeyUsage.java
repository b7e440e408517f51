package dev.forecourt.identity.application;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.UserTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records when an API key was last used, without ever failing or slowing the request that used it:
 * at most once a {@link #INTERVAL} per key and node (the other requests of that interval write
 * nothing), as one {@code UPDATE ... WHERE last_used_at < now - interval} in a transaction of its
 * own (never the caller's, and without the key's version, so it races with nothing: two nodes
 * writing at once update the row once). A failed write is logged once until a write succeeds again,
 * and otherwise ignored: the last use is for humans, not for security decisions.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
@PermitAll
public class ApiKeyUsage {

  private static final Logger LOG = Logger.getLogger(ApiKeyUsage.class.getName());

  /** How precise the recorded last use is. */
  static final Duration INTERVAL = Duration.ofSeconds(60);

  @PersistenceContext(unitName = "forecourt")
  EntityManager em;

  @Resource UserTransaction tx;

  /** When this node last recorded a use of each key (by id). */
  private final Map<Long, Instant> recorded = new ConcurrentHashMap<>();

  private volatile boolean failing;

  /**
   * Records that key {@code id} was used {@code now}, unless a use was recorded less than {@link
   * #INTERVAL} ago.
   */
  public void used(long id, Instant now) {
    if (!claim(recorded, id, now)) {
      return;
    }
    try {
      tx.begin();
      em.createQuery(
              "update ApiKey k set k.lastUsedAt = :now "
                  + "where k.id = :id and (k.lastUsedAt is null or k.lastUsedAt < :threshold)")
          .setParameter("now", now)
          .setParameter("id", id)
          .setParameter("threshold", now.minus(INTERVAL))
          .executeUpdate();
      tx.commit();
      if (failing) {
        failing = false;
        LOG.info("The last use of API keys is recorded again");
      }
    } catch (Exception e) {
      rollback();
      if (!failing) {
        failing = true;
        LOG.log(
            Level.WARNING,
            "The last use of an API key could not be recorded (logged once until it works again)",
            e);
      }
    }
  }

  /**
   * Whether the caller is the one that records a use of key {@code id} at {@code now}: no use was
   * recorded in the last interval, and no other thread claimed this one first.
   */
  static boolean claim(Map<Long, Instant> recorded, long id, Instant now) {
    Instant last = recorded.get(id);
    if (last != null && now.isBefore(last.plus(INTERVAL))) {
      return false;
    }
    return last == null ? recorded.putIfAbsent(id, now) == null : recorded.replace(id, last, now);
  }

  private void rollback() {
    try {
      if (tx.getStatus() != Status.STATUS_NO_TRANSACTION) {
        tx.rollback();
      }
    } catch (SystemException | IllegalStateException | SecurityException e) {
      LOG.log(Level.FINE, "Rollback of the last-use update failed", e);
    }
  }
}
