package dev.forecourt.integration.domain;

import dev.forecourt.platform.persistence.StoredTime;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** One attempt to deliver an event to a webhook subscriber: the subscriber's delivery log. */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery {

  /** What became of an attempt: delivered, failed (retried later) or failed for the last time. */
  public enum Outcome {
    DELIVERED,
    FAILED,
    DEAD
  }

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "webhook_delivery_seq")
  @SequenceGenerator(
      name = "webhook_delivery_seq",
      sequenceName = "webhook_delivery_seq",
      allocationSize = 50)
  private Long id;

  @Column(name = "subscription_id", nullable = false, updatable = false)
  private long subscriptionId;

  @Column(name = "event_id", length = 36, nullable = false, updatable = false)
  private String eventId;

  @Column(name = "event_type", length = 60, nullable = false, updatable = false)
  private String eventType;

  @Column(name = "attempt", nullable = false, updatable = false)
  private int attempt;

  @Enumerated(EnumType.STRING)
  @Column(name = "outcome", length = 16, nullable = false, updatable = false)
  private Outcome outcome;

  @Column(name = "status_code", updatable = false)
  private Integer statusCode;

  @Column(name = "error", length = 500, updatable = false)
  private String error;

  @Column(name = "duration_ms", nullable = false, updatable = false)
  private long durationMillis;

  @Column(name = "attempted_at", nullable = false, updatable = false)
  private Instant attemptedAt;

  protected WebhookDelivery() {}

  public WebhookDelivery(
      long subscriptionId,
      String eventId,
      String eventType,
      int attempt,
      Outcome outcome,
      Integer statusCode,
      String error,
      long durationMillis) {
    this.subscriptionId = subscriptionId;
    this.eventId = eventId;
    this.eventType = eventType;
    this.attempt = attempt;
    this.outcome = outcome;
    this.statusCode = statusCode;
    this.error = error == null || error.length() <= 500 ? error : error.substring(0, 500);
    this.durationMillis = durationMillis;
    this.attemptedAt = StoredTime.now();
  }

  public Long id() {
    return id;
  }

  public long subscriptionId() {
    return subscriptionId;
  }

  public String eventId() {
    return eventId;
  }

  public String eventType() {
    return eventType;
  }

  public int attempt() {
    return attempt;
  }

  public Outcome outcome() {
    return outcome;
  }

  public Integer statusCode() {
    return statusCode;
  }

  public String error() {
    return error;
  }

  public long durationMillis() {
    return durationMillis;
  }

  public Instant attemptedAt() {
    return attemptedAt;
  }
}
