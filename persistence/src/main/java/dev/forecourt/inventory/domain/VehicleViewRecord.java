package dev.forecourt.inventory.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A view of a vehicle's page by one visitor within one hour (hours since the epoch, UTC): the key
 * makes a visitor's repeated views within the hour one. Written with an insert that ignores an
 * existing key (a concurrent duplicate is no error); read by the interest reports.
 */
@Entity
@Table(name = "vehicle_view")
@IdClass(VehicleViewRecord.Key.class)
public class VehicleViewRecord {

  @Id
  @Column(name = "vehicle_id", nullable = false, updatable = false)
  private long vehicleId;

  /** SHA-256 (hex) of the hour and the visitor's identity: never the identity itself. */
  @Id
  @Column(name = "visitor", nullable = false, length = 64, updatable = false)
  private String visitor;

  @Id
  @Column(name = "epoch_hour", nullable = false, updatable = false)
  private long epochHour;

  protected VehicleViewRecord() {}

  /** The hour bucket of {@code instant}: whole hours since the epoch (UTC). */
  public static long hourOf(Instant instant) {
    return Math.floorDiv(instant.getEpochSecond(), 3600);
  }

  public long vehicleId() {
    return vehicleId;
  }

  public String visitor() {
    return visitor;
  }

  public long epochHour() {
    return epochHour;
  }

  /** The primary key: vehicle, visitor, hour. */
  public static class Key implements Serializable {

    private static final long serialVersionUID = 1L;

    private long vehicleId;
    private String visitor;
    private long epochHour;

    public Key() {}

    public Key(long vehicleId, String visitor, long epochHour) {
      this.vehicleId = vehicleId;
      this.visitor = visitor;
      this.epochHour = epochHour;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key other
          && vehicleId == other.vehicleId
          && epochHour == other.epochHour
          && Objects.equals(visitor, other.visitor);
    }

    @Override
    public int hashCode() {
      return Objects.hash(vehicleId, visitor, epochHour);
    }
  }
}
