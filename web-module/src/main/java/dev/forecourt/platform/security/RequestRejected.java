package dev.forecourt.platform.security;

import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;

/**
 * The intrusion detection took the request for an attack (which rule matched is logged, not said).
 */
public class RequestRejected extends ProblemException {

  public RequestRejected() {
    super(ProblemType.REQUEST_REJECTED, "The request was rejected by the intrusion detection");
  }
}
