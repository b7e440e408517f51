package dev.forecourt.platform.events;

import dev.forecourt.platform.persistence.StoredTime;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A domain event in the transactional outbox: written in the same transaction as the change it
 * describes, sent to the event queue by the relay, which then stamps {@link #publishedAt()}. A
 * relay claims events for a while ({@code claimed_until}, by a conditional update) so that two
 * nodes do not send the same batch; an event whose claim lapsed without being published (the node
 * stopped) is sent again.
 */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent {

  @Id
  @Column(name = "id", length = 36, nullable = false, updatable = false)
  private String id;

  @Column(name = "type", length = 60, nullable = false, updatable = false)
  private String type;

  @Column(name = "aggregate_type", length = 40, nullable = false, updatable = false)
  private String aggregateType;

  @Column(name = "aggregate_id", length = 60, nullable = false, updatable = false)
  private String aggregateId;

  @Column(name = "payload", length = 8000, nullable = false, updatable = false)
  private String payload;

  @Column(name = "occurred_at", nullable = false, updatable = false)
  private Instant occurredAt;

  @Column(name = "claimed_until")
  private Instant claimedUntil;

  @Column(name = "published_at")
  private Instant publishedAt;

  /** The W3C trace context of the writing transaction when it was traced, else null. */
  @Column(name = "traceparent", length = 55, updatable = false)
  private String traceparent;

  protected OutboxEvent() {}

  public OutboxEvent(
      String type, String aggregateType, String aggregateId, String payload, String traceparent) {
    this.id = UUID.randomUUID().toString();
    this.type = Objects.requireNonNull(type, "type");
    this.aggregateType = Objects.requireNonNull(aggregateType, "aggregateType");
    this.aggregateId = Objects.requireNonNull(aggregateId, "aggregateId");
    this.payload = Objects.requireNonNull(payload, "payload");
    this.occurredAt = StoredTime.now();
    this.traceparent = traceparent;
  }

  public String id() {
    return id;
  }

  public String type() {
    return type;
  }

  public String aggregateType() {
    return aggregateType;
  }

  public String aggregateId() {
    return aggregateId;
  }

  public String payload() {
    return payload;
  }

  public Instant occurredAt() {
    return occurredAt;
  }

  public Instant publishedAt() {
    return publishedAt;
  }

  public String traceparent() {
    return traceparent;
  }
}
