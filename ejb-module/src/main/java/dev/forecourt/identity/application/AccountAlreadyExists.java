package dev.forecourt.identity.application;

import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;

/** An account with the username or e-mail address asked for exists already. */
public class AccountAlreadyExists extends ProblemException {

  public AccountAlreadyExists(String detail) {
    super(ProblemType.DUPLICATE, detail);
  }
}
