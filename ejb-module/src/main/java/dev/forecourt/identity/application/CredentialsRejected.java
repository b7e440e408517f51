package dev.forecourt.identity.application;

import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;

/** A sign-in failed: the username, the password or the one-time code is wrong. */
public class CredentialsRejected extends ProblemException {

  /** The username or the password (which one is not said). */
  public CredentialsRejected() {
    this("The username or password is not valid");
  }

  public CredentialsRejected(String detail) {
    super(ProblemType.AUTHENTICATION_FAILED, detail);
  }

  /** The password was right, the one-time code (TOTP or recovery code) is not. */
  public static CredentialsRejected oneTimeCode() {
    return new CredentialsRejected("The one-time code is not valid");
  }
}
