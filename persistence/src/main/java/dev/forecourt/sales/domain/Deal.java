package dev.forecourt.sales.domain;

import dev.forecourt.inventory.domain.Dealership;
import dev.forecourt.inventory.domain.Money;
import dev.forecourt.inventory.domain.Vehicle;
import dev.forecourt.inventory.domain.VehicleStatus;
import dev.forecourt.platform.persistence.StoredTime;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
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
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * The sale of a vehicle to a lead's customer. An opened deal (persisted, so it has its id) reserves
 * the vehicle ({@link #reserveVehicle}; it must be AVAILABLE), which is then held by this deal;
 * closing it sells the vehicle and wins the lead; cancelling releases the vehicle. The caller holds
 * the vehicle's row lock, so two deals can never take the same vehicle.
 */
@Entity
@Table(name = "deal")
public class Deal {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "deal_seq")
  @SequenceGenerator(name = "deal_seq", sequenceName = "deal_seq", allocationSize = 50)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "lead_id", nullable = false, updatable = false)
  private Lead lead;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "vehicle_id", nullable = false, updatable = false)
  private Vehicle vehicle;

  // The ids of the lazy associations above, read with the row: asking a lazy association for its
  // id (lead().id()) loads it, one statement per row of a list (an N+1)
  @Column(name = "lead_id", insertable = false, updatable = false)
  private Long leadId;

  @Column(name = "vehicle_id", insertable = false, updatable = false)
  private Long vehicleId;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "dealership_id", nullable = false, updatable = false)
  private Dealership dealership;

  @Column(name = "salesperson", nullable = false, length = 100, updatable = false)
  private String salesperson;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false, length = 16)
  private DealStatus status;

  /** The sale price (columns price_amount, price_currency). */
  @Embedded private Money price;

  @Column(name = "trade_in_amount", precision = 12, scale = 2)
  private BigDecimal tradeIn;

  @Column(name = "financed", nullable = false)
  private boolean financed;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "closed_at")
  private Instant closedAt;

  @Version
  @Column(name = "version", nullable = false)
  private long version;

  protected Deal() {}

  /**
   * A deal on {@code vehicle} for {@code lead}, moving the lead to NEGOTIATION (unless it is there
   * already). Once persisted, {@link #reserveVehicle} takes the vehicle.
   *
   * @throws IllegalStateException when the vehicle is not AVAILABLE
   * @throws IllegalLeadTransitionException when the lead cannot negotiate
   */
  public Deal(
      Lead lead,
      Vehicle vehicle,
      String salesperson,
      Money price,
      BigDecimal tradeIn,
      boolean financed) {
    this.lead = Objects.requireNonNull(lead, "lead");
    this.vehicle = Objects.requireNonNull(vehicle, "vehicle");
    this.dealership = vehicle.dealership();
    this.salesperson = Objects.requireNonNull(salesperson, "salesperson");
    this.price = Objects.requireNonNull(price, "price");
    this.tradeIn = tradeIn;
    this.financed = financed;
    if (vehicle.status() != VehicleStatus.AVAILABLE) {
      throw new IllegalStateException(
          "Vehicle " + vehicle.id() + " is " + vehicle.status() + ", not AVAILABLE");
    }
    if (lead.status() != LeadStatus.NEGOTIATION) {
      lead.moveTo(LeadStatus.NEGOTIATION, null);
    }
    this.status = DealStatus.RESERVED;
    this.createdAt = StoredTime.now();
  }

  /**
   * Reserves the vehicle for this deal (the vehicle records the deal's id, so it needs one: call
   * right after persisting the new deal).
   */
  public void reserveVehicle() {
    requireReserved();
    vehicle.reserve(requireId());
  }

  /** Sells the vehicle and wins the lead. */
  public void close() {
    requireReserved();
    vehicle.sell(requireId());
    lead.moveTo(LeadStatus.WON, null);
    status = DealStatus.CLOSED;
    closedAt = StoredTime.now();
  }

  /** Releases the vehicle; the lead stays in NEGOTIATION. */
  public void cancel() {
    requireReserved();
    vehicle.release(requireId());
    status = DealStatus.CANCELLED;
  }

  private long requireId() {
    if (id == null) {
      throw new IllegalStateException("the deal is not persisted yet");
    }
    return id;
  }

  private void requireReserved() {
    if (status != DealStatus.RESERVED) {
      throw new IllegalStateException("Deal " + id + " is " + status);
    }
  }

  public Long id() {
    return id;
  }

  public Lead lead() {
    return lead;
  }

  public Vehicle vehicle() {
    return vehicle;
  }

  /** The lead's id, without loading the lead. */
  public Long leadId() {
    return leadId != null ? leadId : lead.id(); // (a new one: not read yet)
  }

  /** The vehicle's id, without loading the vehicle. */
  public Long vehicleId() {
    return vehicleId != null ? vehicleId : vehicle.id();
  }

  public Dealership dealership() {
    return dealership;
  }

  public String salesperson() {
    return salesperson;
  }

  public DealStatus status() {
    return status;
  }

  public Money price() {
    return price;
  }

  public BigDecimal tradeIn() {
    return tradeIn;
  }

  public boolean financed() {
    return financed;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant closedAt() {
    return closedAt;
  }

  public long version() {
    return version;
  }
}
