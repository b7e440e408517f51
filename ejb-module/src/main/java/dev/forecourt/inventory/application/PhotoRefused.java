package dev.forecourt.inventory.application;

import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;

/** An upload that is not a photo Forecourt takes: the reason says which rule it breaks. */
public class PhotoRefused extends ProblemException {

  private static final long serialVersionUID = 1L;

  PhotoRefused(String reason) {
    super(ProblemType.VALIDATION_FAILED, reason);
  }

  static PhotoRefused tooMany(long vehicleId, int limit) {
    return new PhotoRefused(
        "Vehicle " + vehicleId + " has " + limit + " photos, the most it may have");
  }
}
