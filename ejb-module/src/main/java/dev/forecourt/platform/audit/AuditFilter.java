package dev.forecourt.platform.audit;

import java.time.Instant;

/** Filters of an audit query; null means any. {@code before} is a sequence number (the cursor). */
public record AuditFilter(
    String entityType,
    String entityId,
    String subject,
    String action,
    String outcome,
    String correlationId,
    Instant from,
    Instant to,
    Long before) {}
