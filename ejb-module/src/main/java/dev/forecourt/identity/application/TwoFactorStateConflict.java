package dev.forecourt.identity.application;

import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;

/**
 * The second factor is not in the state the step asks for (enrolling while it is on, confirming
 * without an enrolment, turning off what is not on).
 */
public class TwoFactorStateConflict extends ProblemException {

  public TwoFactorStateConflict(String detail) {
    super(ProblemType.CONFLICT, detail);
  }
}
