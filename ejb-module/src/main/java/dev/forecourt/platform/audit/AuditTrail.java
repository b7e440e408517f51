package dev.forecourt.platform.audit;

import dev.forecourt.platform.persistence.Jpql;
import dev.forecourt.platform.persistence.StoredTime;
import dev.forecourt.platform.security.Role;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The audit trail: appends hash-chained records (the chain's head row is locked for each append, so
 * records form one line even across a cluster), verifies the chain, answers queries and purges old
 * records behind a checkpoint.
 */
@Stateless
@PermitAll
public class AuditTrail {

  private static final int VERIFY_BATCH = 1000;

  @PersistenceContext(unitName = "forecourt")
  EntityManager em;

  /** Appends {@code entry} in the caller's transaction. */
  public void append(AuditEntry entry) {
    AuditChain chain = em.find(AuditChain.class, AuditChain.ID, LockModeType.PESSIMISTIC_WRITE);
    long seq = chain.lastSeq() + 1;
    Instant now = StoredTime.now();
    String hash = AuditHash.of(seq, now, entry, chain.lastHash());
    em.persist(
        new AuditRecord(
            seq,
            now,
            entry.subject(),
            entry.roles(),
            entry.apiKey(),
            entry.entityType(),
            entry.entityId(),
            entry.action(),
            entry.changes(),
            entry.clientIp(),
            entry.correlationId(),
            entry.outcome(),
            entry.error(),
            chain.lastHash(),
            hash));
    chain.advance(seq, hash);
  }

  /** Appends {@code entry} in a transaction of its own: kept even when the caller's rolls back. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void appendSeparately(AuditEntry entry) {
    append(entry);
  }

  /**
   * Recomputes every remaining record's hash from the checkpoint on, in order, and compares it, the
   * link to the previous record and the numbering; the last record must be the chain's head.
   */
  @RolesAllowed(Role.ADMIN_NAME)
  public AuditVerification verify() {
    AuditChain chain = em.find(AuditChain.class, AuditChain.ID);
    long expectedSeq = chain.checkpointSeq() + 1;
    String prevHash = chain.checkpointHash();
    long checked = 0;
    while (true) {
      List<AuditRecord> batch =
          em.createQuery(
                  "select r from AuditRecord r where r.seqNo >= :from order by r.seqNo",
                  AuditRecord.class)
              .setParameter("from", expectedSeq)
              .setMaxResults(VERIFY_BATCH)
              .getResultList();
      for (AuditRecord r : batch) {
        String problem = null;
        if (r.seqNo() != expectedSeq) {
          problem = "record " + expectedSeq + " is missing";
        } else if (!r.prevHash().equals(prevHash)) {
          problem = "record " + r.seqNo() + " does not link to the record before it";
        } else if (!r.hash().equals(AuditHash.of(r))) {
          problem = "record " + r.seqNo() + " was altered";
        }
        if (problem != null) {
          return new AuditVerification(
              false, checked, expectedSeq, problem, chain.checkpointSeq(), chain.lastSeq());
        }
        prevHash = r.hash();
        expectedSeq++;
        checked++;
      }
      em.clear();
      if (batch.size() < VERIFY_BATCH) {
        break;
      }
    }
    if (expectedSeq - 1 != chain.lastSeq() || !prevHash.equals(chain.lastHash())) {
      return new AuditVerification(
          false,
          checked,
          expectedSeq,
          "the chain ends at record "
              + (expectedSeq - 1)
              + " but its head is record "
              + chain.lastSeq(),
          chain.checkpointSeq(),
          chain.lastSeq());
    }
    return new AuditVerification(true, checked, null, null, chain.checkpointSeq(), chain.lastSeq());
  }

  /**
   * Records matching {@code filter}, newest first, below {@code before} (a sequence number) when
   * given.
   */
  @RolesAllowed(Role.ADMIN_NAME)
  public List<AuditRecordView> search(AuditFilter filter, int limit) {
    TypedQuery<AuditRecord> query =
        new Jpql("select r from AuditRecord r")
            .and("r.entityType = :entityType", "entityType", filter.entityType())
            .and("r.entityId = :entityId", "entityId", filter.entityId())
            .and("r.subject = :subject", "subject", filter.subject())
            .and("r.action = :action", "action", filter.action())
            .and("r.outcome = :outcome", "outcome", filter.outcome())
            .and("r.correlationId = :correlationId", "correlationId", filter.correlationId())
            .and("r.occurredAt >= :from", "from", filter.from())
            .and("r.occurredAt < :to", "to", filter.to())
            .and("r.seqNo < :before", "before", filter.before())
            .orderBy("r.seqNo desc")
            .query(em, AuditRecord.class);
    return query.setMaxResults(limit).getResultList().stream().map(AuditRecordView::of).toList();
  }

  /**
   * Deletes the records older than {@code retention} and moves the checkpoint to the last one
   * deleted, so the rest of the chain stays verifiable. Answers the number of records deleted. Safe
   * to run on several nodes at once: the chain's head is locked.
   */
  @RolesAllowed(Role.ADMIN_NAME)
  @Audited(entity = "audit", action = "purge")
  public int purge(Duration retention) {
    return purgeOlderThan(retention);
  }

  /** How long records are kept: {@code forecourt.audit.retention} (P90D). */
  public static Duration retention() {
    return AuditSettings.RETENTION.get();
  }

  /** {@link #purge(Duration)} for the container's own timer. */
  @PermitAll
  public int purgeOlderThan(Duration retention) {
    AuditChain chain = em.find(AuditChain.class, AuditChain.ID, LockModeType.PESSIMISTIC_WRITE);
    Instant cutoff = Instant.now().minus(retention);
    List<AuditRecord> last =
        em.createQuery(
                "select r from AuditRecord r where r.occurredAt < :cutoff order by r.seqNo desc",
                AuditRecord.class)
            .setParameter("cutoff", cutoff)
            .setMaxResults(1)
            .getResultList();
    if (last.isEmpty()) {
      return 0;
    }
    AuditRecord newest = last.get(0);
    int deleted =
        em.createQuery("delete from AuditRecord r where r.seqNo <= :seq")
            .setParameter("seq", newest.seqNo())
            .executeUpdate();
    chain.checkpoint(newest.seqNo(), newest.hash());
    return deleted;
  }
}
