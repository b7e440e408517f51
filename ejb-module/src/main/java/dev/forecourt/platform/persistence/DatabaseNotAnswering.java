package dev.forecourt.platform.persistence;

import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;

/**
 * The database (or the pool in front of it) does not answer; the transaction was rolled back, so
 * the client may simply retry after a while.
 */
public class DatabaseNotAnswering extends ProblemException {

  public DatabaseNotAnswering() {
    super(
        ProblemType.SERVICE_UNAVAILABLE,
        "The database does not answer; nothing was changed. Try again shortly.");
    retryAfter(DatabaseUnavailable.RETRY_AFTER_SECONDS);
  }
}
