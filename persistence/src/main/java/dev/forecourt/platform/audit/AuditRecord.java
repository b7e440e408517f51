package dev.forecourt.platform.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One audited call: who, what, when, from where and the outcome, linked to the record before it by
 * {@code prevHash}; {@code hash} covers every other column. Written once, never updated.
 */
@Entity
@Table(name = "audit_record")
public class AuditRecord {

  @Id
  @Column(name = "seq_no", updatable = false)
  private long seqNo;

  @Column(name = "occurred_at", nullable = false, updatable = false)
  private Instant occurredAt;

  @Column(name = "subject", nullable = false, length = 200, updatable = false)
  private String subject;

  @Column(name = "roles", nullable = false, length = 200, updatable = false)
  private String roles;

  @Column(name = "api_key", length = 32, updatable = false)
  private String apiKey;

  @Column(name = "entity_type", nullable = false, length = 40, updatable = false)
  private String entityType;

  @Column(name = "entity_id", length = 200, updatable = false)
  private String entityId;

  @Column(name = "action", nullable = false, length = 40, updatable = false)
  private String action;

  @Column(name = "changes", nullable = false, length = 4000, updatable = false)
  private String changes;

  @Column(name = "client_ip", length = 64, updatable = false)
  private String clientIp;

  @Column(name = "correlation_id", length = 64, updatable = false)
  private String correlationId;

  @Column(name = "outcome", nullable = false, length = 16, updatable = false)
  private String outcome;

  @Column(name = "error", length = 100, updatable = false)
  private String error;

  @Column(name = "prev_hash", nullable = false, length = 64, updatable = false)
  private String prevHash;

  @Column(name = "hash", nullable = false, length = 64, updatable = false)
  private String hash;

  protected AuditRecord() {}

  public AuditRecord(
      long seqNo,
      Instant occurredAt,
      String subject,
      String roles,
      String apiKey,
      String entityType,
      String entityId,
      String action,
      String changes,
      String clientIp,
      String correlationId,
      String outcome,
      String error,
      String prevHash,
      String hash) {
    this.seqNo = seqNo;
    this.occurredAt = occurredAt;
    this.subject = subject;
    this.roles = roles;
    this.apiKey = apiKey;
    this.entityType = entityType;
    this.entityId = entityId;
    this.action = action;
    this.changes = changes;
    this.clientIp = clientIp;
    this.correlationId = correlationId;
    this.outcome = outcome;
    this.error = error;
    this.prevHash = prevHash;
    this.hash = hash;
  }

  public long seqNo() {
    return seqNo;
  }

  public Instant occurredAt() {
    return occurredAt;
  }

  public String subject() {
    return subject;
  }

  public String roles() {
    return roles;
  }

  public String apiKey() {
    return apiKey;
  }

  public String entityType() {
    return entityType;
  }

  public String entityId() {
    return entityId;
  }

  public String action() {
    return action;
  }

  public String changes() {
    return changes;
  }

  public String clientIp() {
    return clientIp;
  }

  public String correlationId() {
    return correlationId;
  }

  public String outcome() {
    return outcome;
  }

  public String error() {
    return error;
  }

  public String prevHash() {
    return prevHash;
  }

  public String hash() {
    return hash;
  }
}
