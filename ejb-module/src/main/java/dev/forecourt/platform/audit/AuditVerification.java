package dev.forecourt.platform.audit;

/**
 * The result of verifying the audit chain: whether it is intact, how many records were checked, and
 * where and how it is broken when it is not. Records up to {@code checkpointSeq} were purged.
 */
public record AuditVerification(
    boolean intact,
    long checkedRecords,
    Long firstBrokenSeq,
    String problem,
    long checkpointSeq,
    long lastSeq) {}
