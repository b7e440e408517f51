package dev.forecourt.inventory.application;

import dev.forecourt.inventory.domain.VehicleHeldException;
import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;

/**
 * The vehicle is held by an open deal: it cannot be made available, sold or removed by hand; names
 * the deal.
 */
public class VehicleHeld extends ProblemException {

  public VehicleHeld(VehicleHeldException e) {
    super(ProblemType.VEHICLE_HELD, e.getMessage());
  }
}
