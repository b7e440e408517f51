package dev.forecourt.platform.idempotency;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;

/** The remembered answers of idempotent calls: their expiry. */
@Stateless
@PermitAll
public class IdempotencyRecords {

  @PersistenceContext(unitName = "forecourt")
  EntityManager em;

  /** Forgets answers older than {@code retention}: a retry after that is a new request. */
  public int purgeOlderThan(Duration retention) {
    return em.createQuery("delete from IdempotencyRecord r where r.createdAt < :cutoff")
        .setParameter("cutoff", Instant.now().minus(retention))
        .executeUpdate();
  }
}
