package dev.forecourt.platform.idempotency;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** The answer given to a caller's request with an idempotency key, and the hash of that request. */
@Entity
@Table(name = "idempotency_record")
public class IdempotencyRecord {

  @EmbeddedId private IdempotencyRecordId id;

  @Column(name = "operation", nullable = false, length = 100, updatable = false)
  private String operation;

  @Column(name = "request_hash", nullable = false, length = 64, updatable = false)
  private String requestHash;

  @Column(name = "response", nullable = false, updatable = false)
  private String response;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  protected IdempotencyRecord() {}

  public IdempotencyRecord(
      IdempotencyRecordId id,
      String operation,
      String requestHash,
      String response,
      Instant createdAt) {
    this.id = id;
    this.operation = operation;
    this.requestHash = requestHash;
    this.response = response;
    this.createdAt = createdAt;
  }

  public IdempotencyRecordId id() {
    return id;
  }

  public String operation() {
    return operation;
  }

  public String requestHash() {
    return requestHash;
  }

  public String response() {
    return response;
  }

  public Instant createdAt() {
    return createdAt;
  }
}
