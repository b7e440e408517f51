package dev.forecourt.identity.api;

import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;

/**
 * A request authenticated by the console's session cookie changes state without the session's CSRF
 * token (a forged cross-site request, or a page of an old session).
 */
public class CsrfTokenInvalid extends ProblemException {

  public CsrfTokenInvalid() {
    super(
        ProblemType.CSRF_TOKEN_INVALID,
        "Send the session's CSRF token in "
            + ConsoleSession.CSRF_HEADER
            + "; sign in again if it is lost");
  }
}
