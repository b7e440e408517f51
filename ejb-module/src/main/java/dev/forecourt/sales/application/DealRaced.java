package dev.forecourt.sales.application;

import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;

/**
 * The lead or the vehicle of a deal was changed by another request while this one wrote the deal.
 */
public class DealRaced extends ProblemException {

  public DealRaced() {
    super(ProblemType.CONFLICT, "The lead or vehicle was changed at the same time; try again");
  }
}
