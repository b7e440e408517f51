package dev.forecourt.platform.jobs;

import java.time.Instant;

/**
 * A job in the dead letter queue: which queue it came from, what it carried (event id and type, the
 * webhook subscription for webhook jobs), how often it was tried and its last error.
 */
public record DeadLetterView(
    String jobId,
    String queue,
    String eventId,
    String eventType,
    Long subscriptionId,
    int attempts,
    String lastError,
    Instant deadAt) {}
