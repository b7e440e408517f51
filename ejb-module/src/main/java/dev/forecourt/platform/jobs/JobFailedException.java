package dev.forecourt.platform.jobs;

import jakarta.ejb.ApplicationException;

/**
 * A job's work failed in an expected way (a receiver answered 500, a time-out): retried later or
 * dead-lettered, with this message as the job's last error. Leaves the caller's transaction alone.
 */
@ApplicationException(rollback = false)
public class JobFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public JobFailedException(String message) {
    super(message);
  }
}
