package dev.forecourt.platform.idempotency;

import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;

/**
 * Another request with the caller's Idempotency-Key committed while this one ran: this one's change
 * is rolled back, a retry gets the other's answer.
 */
public class IdempotentRequestRaced extends ProblemException {

  public IdempotentRequestRaced() {
    super(
        ProblemType.IDEMPOTENCY_CONFLICT,
        "A request with this Idempotency-Key was processed concurrently; retry to get its answer");
  }
}
