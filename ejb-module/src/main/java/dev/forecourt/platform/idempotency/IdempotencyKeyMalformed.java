package dev.forecourt.platform.idempotency;

import dev.forecourt.platform.problem.InvalidParameter;

/** The Idempotency-Key header is not 8 to 100 letters, digits or ._:-. */
public class IdempotencyKeyMalformed extends InvalidParameter {

  public IdempotencyKeyMalformed() {
    super(
        "Idempotency-Key must be 8 to 100 letters, digits or ._:-",
        "Idempotency-Key",
        "must match [A-Za-z0-9._:-]{8,100}");
  }
}
