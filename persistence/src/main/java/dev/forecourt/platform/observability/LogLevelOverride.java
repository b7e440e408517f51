package dev.forecourt.platform.observability;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A log level an admin set at runtime for a logger (and its children) on every node. Not in the
 * second-level cache: each node reads the table itself.
 */
@Entity
@Table(name = "log_level")
public class LogLevelOverride {

  @Id
  @Column(name = "logger", length = 200)
  private String logger;

  @Column(name = "level", nullable = false, length = 10)
  private String level;

  @Column(name = "changed_by", nullable = false, length = 200)
  private String changedBy;

  @Column(name = "changed_at", nullable = false)
  private Instant changedAt;

  protected LogLevelOverride() {}

  public LogLevelOverride(String logger, String level, String changedBy, Instant changedAt) {
    this.logger = logger;
    change(level, changedBy, changedAt);
  }

  public void change(String level, String changedBy, Instant changedAt) {
    this.level = level;
    this.changedBy = changedBy;
    this.changedAt = changedAt;
  }

  public String logger() {
    return logger;
  }

  public String level() {
    return level;
  }

  public String changedBy() {
    return changedBy;
  }

  public Instant changedAt() {
    return changedAt;
  }
}
