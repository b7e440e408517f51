package dev.forecourt.platform.jobs;

import dev.forecourt.platform.problem.NotFound;

/** No dead letter has the id asked for (or the id cannot be one). */
public class DeadLetterNotFound extends NotFound {

  /** The id is not of the form job ids have. */
  public DeadLetterNotFound() {
    super("No dead letter has this id");
  }

  public DeadLetterNotFound(String jobId) {
    super("Dead letter", jobId);
  }
}
