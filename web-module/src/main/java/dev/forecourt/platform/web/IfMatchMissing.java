package dev.forecourt.platform.web;

import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;

/** An update came without the ETag (If-Match) of the version the client read. */
public class IfMatchMissing extends ProblemException {

  public IfMatchMissing(String what) {
    super(
        ProblemType.PRECONDITION_REQUIRED, "Send the " + what + "'s ETag in If-Match to update it");
  }
}
