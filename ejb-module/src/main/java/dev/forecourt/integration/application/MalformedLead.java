package dev.forecourt.integration.application;

import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;

/** An inbound message's body is not a lead in JSON. */
public class MalformedLead extends ProblemException {

  public MalformedLead() {
    super(ProblemType.MALFORMED_REQUEST, "The body is not a lead in JSON");
  }
}
