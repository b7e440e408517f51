package dev.forecourt.identity.api;

import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;

/**
 * The request carries an access token or API key the authentication mechanism refused (which check
 * failed is not said).
 */
public class CredentialRefused extends ProblemException {

  public CredentialRefused() {
    super(ProblemType.INVALID_TOKEN, "The credential (access token or API key) is not valid");
  }
}
