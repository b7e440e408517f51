package dev.forecourt.inventory.domain;

/** A status change the vehicle's lifecycle does not allow (e.g. un-selling a SOLD vehicle). */
public class IllegalVehicleStateException extends RuntimeException {

  private final VehicleStatus from;
  private final VehicleStatus to;

  public IllegalVehicleStateException(VehicleStatus from, VehicleStatus to) {
    this("a " + from + " vehicle cannot become " + to, from, to);
  }

  public IllegalVehicleStateException(String message, VehicleStatus from, VehicleStatus to) {
    super(message);
    this.from = from;
    this.to = to;
  }

  public VehicleStatus from() {
    return from;
  }

  public VehicleStatus to() {
    return to;
  }
}
