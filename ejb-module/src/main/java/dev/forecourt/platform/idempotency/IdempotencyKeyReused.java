package dev.forecourt.platform.idempotency;

import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;

/** The caller's Idempotency-Key was used before for a different request. */
public class IdempotencyKeyReused extends ProblemException {

  public IdempotencyKeyReused() {
    super(
        ProblemType.IDEMPOTENCY_KEY_REUSED,
        "This Idempotency-Key was used for a different request; use a new key for a new request");
  }
}
