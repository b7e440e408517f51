package dev.forecourt.platform.web;

import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;

/** The request body (declared or read) is larger than the limit. */
public class BodyTooLarge extends ProblemException {

  public BodyTooLarge(int maxBytes) {
    super(ProblemType.PAYLOAD_TOO_LARGE, "The request body must not exceed " + maxBytes + " bytes");
  }
}
