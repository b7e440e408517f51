package dev.forecourt.platform.maintenance;

import java.time.Instant;

/**
 * The maintenance switch as callers and admins see it: on or off, the message and {@code
 * Retry-After} given while on, since when the current state holds and who switched it last.
 */
public record MaintenanceStatus(
    boolean active, String message, int retryAfterSeconds, Instant since, String changedBy) {

  /** What a node assumes before it could ever read the switch: off. */
  static final MaintenanceStatus UNKNOWN = new MaintenanceStatus(false, null, 300, null, null);

  /** The id of the switch's row: what the audit trail records as the entity id. */
  public int id() {
    return MaintenanceState.ID;
  }

  static MaintenanceStatus of(MaintenanceState state) {
    return new MaintenanceStatus(
        state.active(),
        state.message(),
        state.retryAfterSeconds(),
        state.since(),
        state.changedBy());
  }
}
