package dev.forecourt.inventory.domain;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** One entry of a vehicle's price history, written whenever its list price changes. Immutable. */
@Entity
@Table(name = "price_change")
public class PriceChange {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "price_change_seq")
  @SequenceGenerator(
      name = "price_change_seq",
      sequenceName = "price_change_seq",
      allocationSize = 50)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "vehicle_id", nullable = false, updatable = false)
  private Vehicle vehicle;

  @Embedded
  @AttributeOverride(
      name = "amount",
      column = @Column(name = "old_amount", precision = 12, scale = 2))
  @AttributeOverride(name = "currency", column = @Column(name = "old_currency", length = 3))
  private Money oldPrice;

  @Embedded
  @AttributeOverride(
      name = "amount",
      column = @Column(name = "new_amount", precision = 12, scale = 2, nullable = false))
  @AttributeOverride(
      name = "currency",
      column = @Column(name = "new_currency", length = 3, nullable = false))
  private Money newPrice;

  @Column(name = "changed_at", nullable = false, updatable = false)
  private Instant changedAt;

  protected PriceChange() {}

  PriceChange(Vehicle vehicle, Money oldPrice, Money newPrice, Instant changedAt) {
    this.vehicle = vehicle;
    this.oldPrice = oldPrice;
    this.newPrice = newPrice;
    this.changedAt = changedAt;
  }

  public Long id() {
    return id;
  }

  /** The price before the change; null for the first listing. */
  public Money oldPrice() {
    return oldPrice;
  }

  public Money newPrice() {
    return newPrice;
  }

  public Instant changedAt() {
    return changedAt;
  }
}
