package dev.forecourt.identity.application;

import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;

/** The password was right, but the account has a second factor and no one-time code was sent. */
public class SecondFactorRequired extends ProblemException {

  public SecondFactorRequired() {
    super(
        ProblemType.TOTP_REQUIRED,
        "Enter the code from your authenticator app (or a recovery code)");
  }
}
