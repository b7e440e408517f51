package dev.forecourt.inventory.domain;

import dev.forecourt.platform.persistence.StoredTime;
import jakarta.persistence.Cacheable;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A vehicle in stock at a dealership: the inventory aggregate root. Its business key is the VIN.
 * State changes only through the methods below, each of which guards the aggregate's invariants;
 * every list-price change is recorded in the price history. A vehicle reserved by a deal is held by
 * it ({@link #heldByDeal()}): only that deal sells or releases it ({@link #sell}, {@link
 * #release}), a generic {@link #changeStatus} is refused until then.
 */
@Entity
@Table(name = "vehicle")
@Cacheable
@EntityListeners(InventoryTags.class)
public class Vehicle {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "vehicle_seq")
  @SequenceGenerator(name = "vehicle_seq", sequenceName = "vehicle_seq", allocationSize = 50)
  private Long id;

  @Embedded private Vin vin;

  @Embedded private VehicleSpec spec;

  @Column(name = "mileage", nullable = false)
  private int mileage;

  @Embedded private Money listPrice;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", length = 16, nullable = false)
  private VehicleStatus status;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "dealership_id", nullable = false)
  private Dealership dealership;

  @OneToMany(
      mappedBy = "vehicle",
      cascade = {CascadeType.PERSIST, CascadeType.REMOVE})
  @OrderBy("changedAt")
  private List<PriceChange> priceHistory = new ArrayList<>();

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  /**
   * The id of the open deal that reserved the vehicle, or null (a plain id: inventory does not know
   * sales).
   */
  @Column(name = "held_by_deal")
  private Long heldByDeal;

  @Version
  @Column(name = "version", nullable = false)
  private long version;

  protected Vehicle() {}

  /**
   * Lists a new vehicle as AVAILABLE at {@code dealership}; the first price-history entry records
   * the listing price.
   */
  public Vehicle(Vin vin, VehicleSpec spec, int mileage, Money listPrice, Dealership dealership) {
    this.vin = Objects.requireNonNull(vin, "vin");
    this.spec = Objects.requireNonNull(spec, "spec");
    this.mileage = requireMileage(mileage);
    this.dealership = Objects.requireNonNull(dealership, "dealership");
    this.status = VehicleStatus.AVAILABLE;
    reprice(Objects.requireNonNull(listPrice, "listPrice"));
    this.createdAt = updatedAt;
  }

  /** Changes the list price; a real change is appended to the price history. */
  public void reprice(Money newPrice) {
    Objects.requireNonNull(newPrice, "newPrice");
    if (newPrice.equals(listPrice)) {
      return;
    }
    priceHistory.add(new PriceChange(this, listPrice, newPrice, StoredTime.now()));
    listPrice = newPrice;
    touch();
  }

  /** Corrects the descriptive data of the vehicle. */
  public void describe(VehicleSpec newSpec, int newMileage) {
    this.spec = Objects.requireNonNull(newSpec, "spec");
    this.mileage = requireMileage(newMileage);
    touch();
  }

  /** Moves the vehicle to another rooftop of the group. */
  public void transferTo(Dealership target) {
    if (!Objects.equals(dealership.id(), target.id())) {
      this.dealership = target;
      touch();
    }
  }

  /**
   * Moves the vehicle to {@code target} status by hand (staff, not a deal). AVAILABLE and RESERVED
   * go either way and to SOLD; a SOLD vehicle stays sold; a vehicle held by a deal keeps its status
   * until the deal sells or releases it.
   *
   * @throws VehicleHeldException when a deal holds the vehicle
   * @throws IllegalVehicleStateException when the transition is not allowed
   */
  public void changeStatus(VehicleStatus target) {
    Objects.requireNonNull(target, "status");
    if (target == status) {
      return;
    }
    if (heldByDeal != null) {
      throw new VehicleHeldException(id, heldByDeal, target);
    }
    if (status == VehicleStatus.SOLD) {
      throw new IllegalVehicleStateException(status, target);
    }
    status = target;
    touch();
  }

  /**
   * Reserves the vehicle for deal {@code dealId}, which then holds it.
   *
   * @throws IllegalVehicleStateException unless the vehicle is AVAILABLE
   */
  public void reserve(long dealId) {
    if (status != VehicleStatus.AVAILABLE || heldByDeal != null) {
      throw new IllegalVehicleStateException(
          "vehicle "
              + id
              + " is "
              + status
              + (heldByDeal == null ? "" : ", held by deal " + heldByDeal)
              + ": deal "
              + dealId
              + " cannot reserve it",
          status,
          VehicleStatus.RESERVED);
    }
    status = VehicleStatus.RESERVED;
    heldByDeal = dealId;
    touch();
  }

  /**
   * Sells the vehicle through deal {@code dealId}, which holds it; the hold ends.
   *
   * @throws IllegalVehicleStateException unless deal {@code dealId} holds the vehicle
   */
  public void sell(long dealId) {
    requireHeldBy(dealId, VehicleStatus.SOLD);
    status = VehicleStatus.SOLD;
    heldByDeal = null;
    touch();
  }

  /**
   * Releases the vehicle held by deal {@code dealId}: AVAILABLE again.
   *
   * @throws IllegalVehicleStateException unless deal {@code dealId} holds the vehicle
   */
  public void release(long dealId) {
    requireHeldBy(dealId, VehicleStatus.AVAILABLE);
    status = VehicleStatus.AVAILABLE;
    heldByDeal = null;
    touch();
  }

  private void requireHeldBy(long dealId, VehicleStatus target) {
    if (heldByDeal == null || heldByDeal != dealId) {
      throw new IllegalVehicleStateException(
          "vehicle "
              + id
              + " is not held by deal "
              + dealId
              + (heldByDeal == null ? "" : " but by deal " + heldByDeal),
          status,
          target);
    }
  }

  /** The id of the open deal holding the vehicle, if any. */
  public Optional<Long> heldByDeal() {
    return Optional.ofNullable(heldByDeal);
  }

  /** True when the vehicle may be removed from inventory (it was never sold). */
  public boolean isRemovable() {
    return status != VehicleStatus.SOLD;
  }

  private void touch() {
    updatedAt = StoredTime.now();
  }

  private static int requireMileage(int mileage) {
    if (mileage < 0) {
      throw new IllegalArgumentException("mileage must not be negative");
    }
    return mileage;
  }

  public Long id() {
    return id;
  }

  public Vin vin() {
    return vin;
  }

  public VehicleSpec spec() {
    return spec;
  }

  public int mileage() {
    return mileage;
  }

  public Money listPrice() {
    return listPrice;
  }

  public VehicleStatus status() {
    return status;
  }

  public Dealership dealership() {
    return dealership;
  }

  public List<PriceChange> priceHistory() {
    return List.copyOf(priceHistory);
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  public long version() {
    return version;
  }
}
