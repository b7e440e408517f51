package dev.forecourt.identity.application;

import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;

/**
 * The caller signed in through the organisation's identity provider (SSO): Forecourt holds no
 * credentials of theirs to change.
 */
public class AccountManagedExternally extends ProblemException {

  public AccountManagedExternally() {
    super(
        ProblemType.CONFLICT,
        "Your account is managed by your organisation's identity provider: change your credentials there");
  }
}
