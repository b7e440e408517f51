/**
 * The tamper-evident audit trail: the {@link dev.forecourt.platform.audit.Audited} interceptor
 * binding, the hash-chained records it appends, verification, query and retention.
 */
package dev.forecourt.platform.audit;
