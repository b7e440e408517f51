package dev.forecourt.platform.web;

import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;

/** An operation that takes a body was sent none. */
public class BodyMissing extends ProblemException {

  public BodyMissing() {
    super(ProblemType.MALFORMED_REQUEST, "The request body is empty; this operation needs one");
  }
}
