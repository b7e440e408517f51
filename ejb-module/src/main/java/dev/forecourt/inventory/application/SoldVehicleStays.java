package dev.forecourt.inventory.application;

import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;

/** A sold vehicle cannot be removed from inventory: it stays on record. */
public class SoldVehicleStays extends ProblemException {

  public SoldVehicleStays() {
    super(ProblemType.CONFLICT, "A sold vehicle stays on record");
  }
}
