package dev.forecourt.inventory.application;

import dev.forecourt.inventory.domain.Vehicle;
import dev.forecourt.inventory.domain.VehicleStatus;
import dev.forecourt.platform.security.DealershipBound;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A read model of a vehicle, detached from the persistence context; {@code heldByDeal} is the open
 * deal that reserved it (null when none).
 */
public record VehicleView(
    long id,
    String vin,
    String make,
    String model,
    String trim,
    int modelYear,
    int mileage,
    String colour,
    BigDecimal price,
    String currency,
    VehicleStatus status,
    Long heldByDeal,
    String dealershipCode,
    Instant createdAt,
    Instant updatedAt,
    long version)
    implements DealershipBound {

  static VehicleView of(Vehicle v) {
    return new VehicleView(
        v.id(),
        v.vin().value(),
        v.spec().make(),
        v.spec().model(),
        v.spec().trim(),
        v.spec().modelYear(),
        v.mileage(),
        v.spec().colour(),
        v.listPrice().amount(),
        v.listPrice().currency(),
        v.status(),
        v.heldByDeal().orElse(null),
        v.dealership().code(),
        v.createdAt(),
        v.updatedAt(),
        v.version());
  }
}
