package dev.forecourt.identity.application;

import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;

/** The password reset token is unknown, expired or already used (which one is not said). */
public class ResetLinkRejected extends ProblemException {

  public ResetLinkRejected() {
    super(
        ProblemType.INVALID_RESET_TOKEN,
        "The reset link is not valid: it may have expired or been used. Request a new one.");
  }
}
