package dev.forecourt.sales.application;

import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;

/** The vehicle or the salesperson already has a test drive in the time asked for. */
public class DoubleBooking extends ProblemException {

  public DoubleBooking(String detail) {
    super(ProblemType.DOUBLE_BOOKING, detail);
  }
}
