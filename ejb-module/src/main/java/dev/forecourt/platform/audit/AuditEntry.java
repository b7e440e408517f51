package dev.forecourt.platform.audit;

/** What the interceptor knows of an audited call, before the trail numbers, times and chains it. */
public record AuditEntry(
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
    String error) {

  public static final String SUCCESS = "SUCCESS";
  public static final String FAILURE = "FAILURE";
}
