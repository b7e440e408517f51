package dev.forecourt.platform.events;

import dev.forecourt.platform.persistence.StoredTime;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
   * {@code lease}. Each row is claimed by a conditional update: of relays on several nodes racing
   * for it, exactly one changes it (the database re-checks the condition under the row lock), so
   * they share the work without locking a range (portable: no {@code FOR UPDATE … LIMIT}).
   */
  public List<OutboxEvent> claim(int limit, Duration lease) {
    Instant now = StoredTime.now();
    List<OutboxEvent> candidates =
        em.createQuery(
                "select e from OutboxEvent e where e.publishedAt is null"
                    + " and (e.claimedUntil is null or e.claimedUntil < :now) order by e.occurredAt",
                OutboxEvent.class)
            .setParameter("now", now)
            .setMaxResults(limit)
            .getResultList();
    List<OutboxEvent> claimed = new ArrayList<>(candidates.size());
    for (OutboxEvent event : candidates) {
      int changed =
          em.createQuery(
                  "update OutboxEvent e set e.claimedUntil = :until where e.id = :id"
                      + " and e.publishedAt is null and (e.claimedUntil is null or e.claimedUntil < :now)")
              .setParameter("until", now.plus(lease))
              .setParameter("id", event.id())
              .setParameter("now", now)
              .executeUpdate();
      if (changed == 1) {
        claimed.add(event);
      }
    }
    return claimed;
  }

  /** The events not published yet and when the oldest of them occurred (null: none). */
  public record Backlog(long pending, Instant oldest) {}

  public Backlog backlog() {
    Object[] row =
        em.createQuery(
                "select count(e), min(e.occurredAt) from OutboxEvent e where e.publishedAt is null",
                Object[].class)
            .getSingleResult();
    return new Backlog(((Number) row[0]).longValue(), instant(row[1]));
  }

  /** min() of a converted attribute: the attribute's type, or the column's on some providers. */
  private static Instant instant(Object value) {
    if (value == null || value instanceof Instant) {
      return (Instant) value;
    }
    if (value instanceof java.sql.Timestamp t) {
      return t.toInstant();
    }
    if (value instanceof java.time.OffsetDateTime t) {
      return t.toInstant();
    }
    throw new IllegalStateException("Unexpected time type " + value.getClass().getName());
  }

  /** Stamps the events published (one statement for the batch). */
  public void published(Collection<String> ids) {
    em.createQuery(
            "update OutboxEvent e set e.publishedAt = :now, e.claimedUntil = null where e.id in :ids")
        .setParameter("now", StoredTime.now())
        .setParameter("ids", ids)
        .executeUpdate();
  }

  /** Deletes published outbox events and processed-event records older than {@code retention}. */
  public int purgeOlderThan(Duration retention) {
    Instant before = StoredTime.now().minus(retention);
    int events =
        em.createQuery("delete from OutboxEvent e where e.publishedAt < :before")
            .setParameter("before", before)
            .executeUpdate();
    return events
        + em.createQuery("delete from ProcessedEvent p where p.processedAt < :before")
            .setParameter("before", before)
            .executeUpdate();
  }
}
