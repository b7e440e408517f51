package dev.forecourt.platform.events;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/** The relay's transactions on the outbox table: claim a batch, stamp it published. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class Outbox {

  @PersistenceContext(unitName = "forecourt")
  EntityManager em;

  /**
   * Up to {@code limit} unpublished events, oldest first, that no other relay holds, claimed for
   * {@code lease}. The rows are locked while claiming, so relays on several nodes take turns.
   */
  public List<OutboxEvent> claim(int limit, Duration lease) {
    List<OutboxEvent> batch = em.createQuery("select e from OutboxEvent e where e.publishedAt is null"
            + " and (e.claimedUntil is null or e.claimedUntil < :now) order by e.occurredAt", OutboxEvent.class)
        .setParameter("now", dev.forecourt.platform.persistence.StoredTime.now())
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .setMaxResults(limit)
        .getResultList();
    batch.forEach(e -> e.claim(lease));
    return batch;
  }

  public void published(Collection<String> ids) {
    for (String id : ids) {
      OutboxEvent event = em.find(OutboxEvent.class, id);
      if (event != null) {
        event.published();
      }
    }
  }

  /** Deletes published outbox events and processed-event records older than {@code retention}. */
  public int purgeOlderThan(Duration retention) {
    java.time.Instant before = dev.forecourt.platform.persistence.StoredTime.now().minus(retention);
    int events = em.createQuery("delete from OutboxEvent e where e.publishedAt < :before")
        .setParameter("before", before).executeUpdate();
    return events + em.createQuery("delete from ProcessedEvent p where p.processedAt < :before")
        .setParameter("before", before).executeUpdate();
  }

  /** Events not yet published (for health and metrics). */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public long pending() {
    return em.createQuery("select count(e) from OutboxEvent e where e.publishedAt is null", Long.class)
        .getSingleResult();
  }
}
