package dev.forecourt.platform.audit;

import java.time.Instant;

/** An audit record as answered by the API and written to the CSV export. */
public record AuditRecordView(
    long seqNo,
    Instant occurredAt,
    String subject,
    String roles,
    String apiKey,
    String entityType,
    String entityId,
    String action,
    String changes,
    String clientIp,
    String correlationId,
    String outcome,
    String error,
    String hash) {

  static AuditRecordView of(AuditRecord r) {
    return new AuditRecordView(
        r.seqNo(),
        r.occurredAt(),
        r.subject(),
        r.roles(),
        r.apiKey(),
        r.entityType(),
        r.entityId(),
        r.action(),
        r.changes(),
        r.clientIp(),
        r.correlationId(),
        r.outcome(),
        r.error(),
        r.hash());
  }
}
