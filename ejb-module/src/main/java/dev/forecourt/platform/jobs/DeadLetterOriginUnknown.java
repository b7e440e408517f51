package dev.forecourt.platform.jobs;

import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;

/** A dead letter cannot be redelivered: it names no queue Forecourt knows. */
public class DeadLetterOriginUnknown extends ProblemException {

  public DeadLetterOriginUnknown() {
    super(ProblemType.CONFLICT, "The dead letter names no known queue");
  }
}
