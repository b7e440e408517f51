package dev.forecourt.platform.maintenance;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code PUT /admin/maintenance}: on or off, the message for callers (at most 500
 * characters) and the {@code Retry-After} in seconds (1 to 86 400; 300 when left out).
 */
public record MaintenanceSwitch(
    @NotNull Boolean active,
    @Size(max = 500) String message,
    @Min(1) @Max(86_400) Integer retryAfterSeconds) {

  static final int DEFAULT_RETRY_AFTER_SECONDS = 300;

  int retryAfterOrDefault() {
    return retryAfterSeconds == null ? DEFAULT_RETRY_AFTER_SECONDS : retryAfterSeconds;
  }
}
