package dev.forecourt.inventory.application;

import dev.forecourt.platform.problem.InvalidFields;

/** An update names another VIN than the vehicle's: the VIN is the vehicle's identity. */
public class VinCannotChange extends InvalidFields {

  public VinCannotChange(Object vin) {
    super("The VIN of a vehicle cannot change", "vin", "must equal the vehicle's VIN " + vin);
  }
}
