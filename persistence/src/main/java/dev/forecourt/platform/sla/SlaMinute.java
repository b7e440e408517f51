package dev.forecourt.platform.sla;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * One node's API answers of one minute: how many, how many with a server error (5xx), how many
 * slower than the latency objective. The 30-day error budget adds them up over every node, so it
 * survives restarts and covers the whole cluster. The id is the node and the minute.
 */
@Entity
@Table(name = "sla_minute")
public class SlaMinute {

  @Id
  @Column(name = "id", length = 240, nullable = false, updatable = false)
  private String id;

  @Column(name = "node", length = 200, nullable = false, updatable = false)
  private String node;

  @Column(name = "minute_start", nullable = false, updatable = false)
  private Instant minuteStart;

  @Column(name = "requests", nullable = false, updatable = false)
  private long requests;

  @Column(name = "errors", nullable = false, updatable = false)
  private long errors;

  @Column(name = "slow", nullable = false, updatable = false)
  private long slow;

  protected SlaMinute() {}

  public SlaMinute(String node, Instant minuteStart, long requests, long errors, long slow) {
    this.node = Objects.requireNonNull(node, "node");
    this.minuteStart = Objects.requireNonNull(minuteStart, "minuteStart");
    this.id = node + "@" + minuteStart.getEpochSecond();
    this.requests = requests;
    this.errors = errors;
    this.slow = slow;
  }

  public String id() {
    return id;
  }
}
