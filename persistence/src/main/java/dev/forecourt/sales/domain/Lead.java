package dev.forecourt.sales.domain;

import dev.forecourt.inventory.domain.Dealership;
import dev.forecourt.inventory.domain.Vehicle;
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
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;

/**
 * A customer's interest in buying at a dealership, moved through the funnel by {@link
 * #moveTo(LeadStatus, String)} only along the transitions of {@link LeadStatus}.
 */
@Entity
@Table(name = "sales_lead")
public class Lead {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "sales_lead_seq")
  @SequenceGenerator(name = "sales_lead_seq", sequenceName = "sales_lead_seq", allocationSize = 50)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "customer_id", nullable = false, updatable = false)
  private Customer customer;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "dealership_id", nullable = false, updatable = false)
  private Dealership dealership;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "vehicle_id")
  private Vehicle vehicle;

  // The ids of the lazy associations above, read with the row: asking a lazy association for its
  // id (customer().id()) loads it, one statement per lead of a list (an N+1, SlowQueriesIT)
  @Column(name = "customer_id", insertable = false, updatable = false)
  private Long customerId;

  @Column(name = "vehicle_id", insertable = false, updatable = false)
  private Long vehicleId;

  @Enumerated(EnumType.STRING)
  @Column(name = "source", nullable = false, length = 16, updatable = false)
  private LeadSource source;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false, length = 16)
  private LeadStatus status;

  @Column(name = "lost_reason", length = 200)
  private String lostReason;

  @Column(name = "assigned_to", length = 100)
  private String assignedTo;

  @Column(name = "external_source", length = 40, updatable = false)
  private String externalSource;

  @Column(name = "external_ref", length = 100, updatable = false)
  private String externalRef;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version
  @Column(name = "version", nullable = false)
  private long version;

  protected Lead() {}

  /** A NEW lead; {@code vehicle} (the vehicle of interest) and {@code assignedTo} may be null. */
  public Lead(
      Customer customer,
      Dealership dealership,
      Vehicle vehicle,
      LeadSource source,
      String assignedTo) {
    this.customer = Objects.requireNonNull(customer, "customer");
    this.dealership = Objects.requireNonNull(dealership, "dealership");
    this.vehicle = vehicle;
    this.source = Objects.requireNonNull(source, "source");
    this.assignedTo = assignedTo;
    this.status = LeadStatus.NEW;
    this.createdAt = StoredTime.now();
    this.updatedAt = createdAt;
  }

  /**
   * Moves the lead to {@code target}; {@code reason} is kept when the lead is LOST.
   *
   * @throws IllegalLeadTransitionException when the current stage does not lead to {@code target}
   */
  public void moveTo(LeadStatus target, String reason) {
    Objects.requireNonNull(target, "target");
    if (!status.canMoveTo(target)) {
      throw new IllegalLeadTransitionException(status, target);
    }
    status = target;
    lostReason = target == LeadStatus.LOST ? reason : null;
    updatedAt = StoredTime.now();
  }

  /**
   * Marks the lead as received from an integration {@code source} under that source's own
   * reference.
   */
  public void externalReference(String source, String reference) {
    this.externalSource = Objects.requireNonNull(source, "source");
    this.externalRef = Objects.requireNonNull(reference, "reference");
  }

  public void assignTo(String salesperson) {
    this.assignedTo = salesperson;
    updatedAt = StoredTime.now();
  }

  /**
   * Replaces the lost reason (free text that may hold personal data) by {@link Customer#ERASED};
   * true when there was text to erase.
   */
  public boolean eraseLostReason() {
    if (lostReason == null || lostReason.equals(Customer.ERASED)) {
      return false;
    }
    lostReason = Customer.ERASED;
    updatedAt = StoredTime.now();
    return true;
  }

  public Long id() {
    return id;
  }

  public Customer customer() {
    return customer;
  }

  public Dealership dealership() {
    return dealership;
  }

  public Vehicle vehicle() {
    return vehicle;
  }

  /** The customer's id, without loading the customer. */
  public Long customerId() {
    return customerId != null ? customerId : customer.id(); // (a new lead: not read yet)
  }

  /** The vehicle of interest's id (null: none), without loading the vehicle. */
  public Long vehicleId() {
    return vehicleId != null || vehicle == null ? vehicleId : vehicle.id();
  }

  public LeadSource source() {
    return source;
  }

  public LeadStatus status() {
    return status;
  }

  public String lostReason() {
    return lostReason;
  }

  public String assignedTo() {
    return assignedTo;
  }

  public String externalSource() {
    return externalSource;
  }

  public String externalRef() {
    return externalRef;
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
