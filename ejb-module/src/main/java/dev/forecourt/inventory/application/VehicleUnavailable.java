package dev.forecourt.inventory.application;

import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;

/**
 * The vehicle cannot take part in the use case in its current state (sold, reserved by a deal,
 * ...).
 */
public class VehicleUnavailable extends ProblemException {

  public VehicleUnavailable(String detail) {
    super(ProblemType.VEHICLE_UNAVAILABLE, detail);
  }
}
