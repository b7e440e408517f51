package dev.forecourt.sales.application;

import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;

/**
 * The deal cannot be closed or cancelled in its state (or the state of the vehicle it holds): the
 * detail says which.
 */
public class DealNotOpen extends ProblemException {

  public DealNotOpen(String detail) {
    super(ProblemType.CONFLICT, detail);
  }
}
