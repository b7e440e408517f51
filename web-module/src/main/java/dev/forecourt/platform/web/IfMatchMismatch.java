package dev.forecourt.platform.web;

import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;

/** An update came with an If-Match that is no version of the resource. */
public class IfMatchMismatch extends ProblemException {

  public IfMatchMismatch(String what) {
    super(
        ProblemType.PRECONDITION_FAILED, "If-Match does not match the " + what + "'s current ETag");
  }
}
