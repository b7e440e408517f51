package dev.forecourt.inventory.application;

import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;

/** A vehicle with this VIN is in inventory already (the VIN is the business key). */
public class DuplicateVin extends ProblemException {

  public DuplicateVin(Object vin) {
    super(ProblemType.DUPLICATE, "A vehicle with VIN " + vin + " is already in inventory");
  }
}
