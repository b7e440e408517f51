package dev.forecourt.identity.application;

import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;

/**
 * The refresh token is unknown, revoked, expired, already used or its user disabled (which one is
 * not said).
 */
public class RefreshTokenRejected extends ProblemException {

  public RefreshTokenRejected() {
    super(ProblemType.INVALID_TOKEN, "The refresh token is not valid");
  }
}
