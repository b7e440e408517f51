package dev.forecourt.platform.maintenance;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The maintenance switch (a single row, id 1): whether writes are refused, the message and {@code
 * Retry-After} given to callers, since when the current state holds and who switched it. Not in the
 * second-level cache: every node reads the row itself (through its own short cache), so a switch on
 * one node reaches the others.
 */
@Entity
@Table(name = "maintenance_state")
public class MaintenanceState {

  public static final int ID = 1;

  @Id
  @Column(name = "id")
  private int id;

  @Column(name = "active", nullable = false)
  private boolean active;

  @Column(name = "message", length = 500)
  private String message;

  @Column(name = "retry_after_seconds", nullable = false)
  private int retryAfterSeconds;

  @Column(name = "since", nullable = false)
  private Instant since;

  @Column(name = "changed_by", length = 200)
  private String changedBy;

  protected MaintenanceState() {}

  /**
   * Switches maintenance on or off. {@link #since()} moves only when the state changes, so
   * repeating a switch (e.g. to change the message) keeps when the maintenance began.
   */
  public void change(
      boolean active, String message, int retryAfterSeconds, String changedBy, Instant now) {
    if (active != this.active) {
      this.since = now;
    }
    this.active = active;
    this.message = message;
    this.retryAfterSeconds = retryAfterSeconds;
    this.changedBy = changedBy;
  }

  public boolean active() {
    return active;
  }

  public String message() {
    return message;
  }

  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public Instant since() {
    return since;
  }

  public String changedBy() {
    return changedBy;
  }
}
