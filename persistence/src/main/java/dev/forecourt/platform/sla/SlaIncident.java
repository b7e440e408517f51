package dev.forecourt.platform.sla;

import dev.forecourt.platform.persistence.StoredTime;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A breach of a service-level objective on one node: opened when the objective's measure over the
 * sliding window crosses its threshold, closed when it is met again. The alert webhooks {@code
 * sla.violated} and {@code sla.recovered} carry its id.
 */
@Entity
@Table(name = "sla_incident")
public class SlaIncident {

  @Id
  @Column(name = "id", length = 36, nullable = false, updatable = false)
  private String id;

  @Column(name = "objective", length = 40, nullable = false, updatable = false)
  private String objective;

  @Column(name = "node", length = 200, nullable = false, updatable = false)
  private String node;

  @Column(name = "window_seconds", nullable = false, updatable = false)
  private long windowSeconds;

  @Column(name = "threshold", nullable = false, updatable = false)
  private double threshold;

  /** The measure when the incident was opened. */
  @Column(name = "measured", nullable = false, updatable = false)
  private double measured;

  @Column(name = "started_at", nullable = false, updatable = false)
  private Instant startedAt;

  @Column(name = "ended_at")
  private Instant endedAt;

  /** The measure when it was closed. */
  @Column(name = "recovered_measure")
  private Double recoveredMeasure;

  protected SlaIncident() {}

  public SlaIncident(
      String objective, String node, long windowSeconds, double threshold, double measured) {
    this.id = UUID.randomUUID().toString();
    this.objective = Objects.requireNonNull(objective, "objective");
    this.node = Objects.requireNonNull(node, "node");
    this.windowSeconds = windowSeconds;
    this.threshold = threshold;
    this.measured = measured;
    this.startedAt = StoredTime.now();
  }

  public void close(double measure) {
    if (endedAt == null) {
      endedAt = StoredTime.now();
      recoveredMeasure = measure;
    }
  }

  public String id() {
    return id;
  }

  public String objective() {
    return objective;
  }

  public String node() {
    return node;
  }

  public long windowSeconds() {
    return windowSeconds;
  }

  public double threshold() {
    return threshold;
  }

  public double measured() {
    return measured;
  }

  public Instant startedAt() {
    return startedAt;
  }

  /** Null while the incident is open. */
  public Instant endedAt() {
    return endedAt;
  }

  /** Null while the incident is open. */
  public Double recoveredMeasure() {
    return recoveredMeasure;
  }
}
