package dev.forecourt.integration.application;

import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;

/**
 * An inbound message's signature headers are missing, out of the time tolerance or do not match.
 */
public class SignatureRejected extends ProblemException {

  public SignatureRejected(String detail) {
    super(ProblemType.INVALID_SIGNATURE, detail);
  }
}
