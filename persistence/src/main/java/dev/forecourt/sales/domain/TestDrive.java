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

/** A booked test drive of a vehicle with a salesperson for a lead, over [startsAt, endsAt). */
@Entity
@Table(name = "test_drive")
public class TestDrive {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "test_drive_seq")
  @SequenceGenerator(name = "test_drive_seq", sequenceName = "test_drive_seq", allocationSize = 50)
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

  @Column(name = "starts_at", nullable = false, updatable = false)
  private Instant startsAt;

  @Column(name = "ends_at", nullable = false, updatable = false)
  private Instant endsAt;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false, length = 16)
  private TestDriveStatus status;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Version
  @Column(name = "version", nullable = false)
  private long version;

  protected TestDrive() {}

  public TestDrive(
      Lead lead, Vehicle vehicle, String salesperson, Instant startsAt, Instant endsAt) {
    this.lead = Objects.requireNonNull(lead, "lead");
    this.vehicle = Objects.requireNonNull(vehicle, "vehicle");
    this.dealership = vehicle.dealership();
    this.salesperson = Objects.requireNonNull(salesperson, "salesperson");
    if (!endsAt.isAfter(startsAt)) {
      throw new IllegalArgumentException("a test drive ends after it starts");
    }
    this.startsAt = startsAt;
    this.endsAt = endsAt;
    this.status = TestDriveStatus.SCHEDULED;
    this.createdAt = StoredTime.now();
  }

  public void cancel() {
    status = TestDriveStatus.CANCELLED;
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

  public Instant startsAt() {
    return startsAt;
  }

  public Instant endsAt() {
    return endsAt;
  }

  public TestDriveStatus status() {
    return status;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public long version() {
    return version;
  }
}
