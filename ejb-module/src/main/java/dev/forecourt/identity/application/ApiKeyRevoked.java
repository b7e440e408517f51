package dev.forecourt.identity.application;

import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;

/** The API key was revoked: it cannot be rotated (nor revived). */
public class ApiKeyRevoked extends ProblemException {

  public ApiKeyRevoked(long id) {
    super(ProblemType.CONFLICT, "API key " + id + " is revoked");
  }
}
