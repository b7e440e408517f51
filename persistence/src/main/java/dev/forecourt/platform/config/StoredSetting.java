package dev.forecourt.platform.config;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A {@code forecourt.*} value an admin set at runtime, for every node ({@link RuntimeValues}). A
 * secret's value is stored encrypted. Not in the second-level cache: each node reads the table
 * itself.
 */
@Entity
@Table(name = "runtime_setting")
public class StoredSetting {

  @Id
  @Column(name = "setting_key", length = 200)
  private String key;

  @Column(name = "setting_value", nullable = false, length = 4000)
  private String value;

  @Column(name = "changed_by", nullable = false, length = 200)
  private String changedBy;

  @Column(name = "changed_at", nullable = false)
  private Instant changedAt;

  protected StoredSetting() {}

  public StoredSetting(String key, String value, String changedBy, Instant changedAt) {
    this.key = key;
    change(value, changedBy, changedAt);
  }

  public void change(String value, String changedBy, Instant changedAt) {
    this.value = value;
    this.changedBy = changedBy;
    this.changedAt = changedAt;
  }

  public String key() {
    return key;
  }

  /** The value as stored (a secret's encrypted). */
  public String value() {
    return value;
  }

  public String changedBy() {
    return changedBy;
  }

  public Instant changedAt() {
    return changedAt;
  }
}
