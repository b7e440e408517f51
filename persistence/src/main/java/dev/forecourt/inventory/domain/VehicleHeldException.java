package dev.forecourt.inventory.domain;

/**
 * A change refused because an open deal holds the vehicle: only that deal sells or releases it
 * (close or cancel the deal).
 */
public class VehicleHeldException extends RuntimeException {

  private final Long vehicleId;
  private final long dealId;

  public VehicleHeldException(Long vehicleId, long dealId, VehicleStatus target) {
    super(
        "Vehicle "
            + vehicleId
            + " is held by deal "
            + dealId
            + " and cannot become "
            + target
            + " by hand: close or cancel deal "
            + dealId);
    this.vehicleId = vehicleId;
    this.dealId = dealId;
  }

  public VehicleHeldException(Long vehicleId, long dealId, String refused) {
    super(
        "Vehicle "
            + vehicleId
            + " is held by deal "
            + dealId
            + " and cannot be "
            + refused
            + ": close or cancel deal "
            + dealId);
    this.vehicleId = vehicleId;
    this.dealId = dealId;
  }

  public Long vehicleId() {
    return vehicleId;
  }

  /** The deal holding the vehicle. */
  public long dealId() {
    return dealId;
  }
}
