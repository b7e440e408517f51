package dev.forecourt.sales.domain;

import dev.forecourt.platform.persistence.StoredTime;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * A call, e-mail or note on a lead. Immutable, except that erasing the customer's data blanks its
 * note.
 */
@Entity
@Table(name = "lead_activity")
public class LeadActivity {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "lead_activity_seq")
  @SequenceGenerator(
      name = "lead_activity_seq",
      sequenceName = "lead_activity_seq",
      allocationSize = 50)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "lead_id", nullable = false, updatable = false)
  private Lead lead;

  @Enumerated(EnumType.STRING)
  @Column(name = "kind", nullable = false, length = 16, updatable = false)
  private ActivityKind kind;

  @Column(name = "note", length = 2000)
  private String note;

  @Column(name = "actor", nullable = false, length = 200, updatable = false)
  private String actor;

  @Column(name = "occurred_at", nullable = false, updatable = false)
  private Instant occurredAt;

  protected LeadActivity() {}

  public LeadActivity(Lead lead, ActivityKind kind, String note, String actor) {
    this.lead = Objects.requireNonNull(lead, "lead");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.note = note;
    this.actor = Objects.requireNonNull(actor, "actor");
    this.occurredAt = StoredTime.now();
  }

  /**
   * Replaces the note (free text that may name or describe the customer) by {@link
   * Customer#ERASED}; true when there was text to erase.
   */
  public boolean eraseNote() {
    if (note == null || note.equals(Customer.ERASED)) {
      return false;
    }
    note = Customer.ERASED;
    return true;
  }

  public Long id() {
    return id;
  }

  public Lead lead() {
    return lead;
  }

  public ActivityKind kind() {
    return kind;
  }

  public String note() {
    return note;
  }

  public String actor() {
    return actor;
  }

  public Instant occurredAt() {
    return occurredAt;
  }
}
