package dev.forecourt.inventory.application;

import dev.forecourt.inventory.domain.IllegalVehicleStateException;
import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;

/** The vehicle's status cannot change to the one asked for from its current one. */
public class IllegalStatusChange extends ProblemException {

  public IllegalStatusChange(IllegalVehicleStateException e) {
    super(ProblemType.CONFLICT, e.getMessage());
  }
}
