package dev.forecourt.platform.events;

import dev.forecourt.platform.persistence.StoredTime;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An event the consumer has processed: a redelivery of the same event id is recognized and skipped.
 */
@Entity
@Table(name = "processed_event")
public class ProcessedEvent {

  @Id
  @Column(name = "event_id", length = 36, nullable = false, updatable = false)
  private String eventId;

  @Column(name = "type", length = 60, nullable = false, updatable = false)
  private String type;

  @Column(name = "processed_at", nullable = false, updatable = false)
  private Instant processedAt;

  protected ProcessedEvent() {}

  public ProcessedEvent(String eventId, String type) {
    this.eventId = eventId;
    this.type = type;
    this.processedAt = StoredTime.now();
  }

  public String eventId() {
    return eventId;
  }

  public Instant processedAt() {
    return processedAt;
  }
}
