package dev.forecourt.platform.maintenance;

import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;

/**
 * Forecourt is in maintenance: a change is refused (reads work); the operator's message, or the
 * standard one, and when to retry.
 */
public class InMaintenance extends ProblemException {

  public InMaintenance(MaintenanceStatus status) {
    super(
        ProblemType.MAINTENANCE,
        status.message() != null ? status.message() : ProblemType.MAINTENANCE.title());
    retryAfter(status.retryAfterSeconds());
  }
}
