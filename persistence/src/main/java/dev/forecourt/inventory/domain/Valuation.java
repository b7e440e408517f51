package dev.forecourt.inventory.domain;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A market valuation of a vehicle obtained from the external valuation service; the last one serves
 * as fallback.
 */
@Entity
@Table(name = "valuation")
public class Valuation {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "valuation_seq")
  @SequenceGenerator(name = "valuation_seq", sequenceName = "valuation_seq", allocationSize = 50)
  private Long id;

  @Column(name = "vehicle_id", nullable = false, updatable = false)
  private Long vehicleId;

  @Embedded
  @AttributeOverride(
      name = "amount",
      column = @Column(name = "amount", precision = 12, scale = 2, nullable = false))
  @AttributeOverride(
      name = "currency",
      column = @Column(name = "currency", length = 3, nullable = false))
  private Money value;

  @Column(name = "valued_at", nullable = false, updatable = false)
  private Instant valuedAt;

  protected Valuation() {}

  public Valuation(Long vehicleId, Money value, Instant valuedAt) {
    this.vehicleId = vehicleId;
    this.value = value;
    this.valuedAt = valuedAt;
  }

  public Long vehicleId() {
    return vehicleId;
  }

  public Money value() {
    return value;
  }

  public Instant valuedAt() {
    return valuedAt;
  }
}
