package dev.forecourt.platform.audit;

/**
 * The answer of {@code POST /admin/audit/purge}: how many records were removed, and the retention
 * applied.
 */
public record AuditPurge(int purged, String olderThan) {}
