package dev.forecourt.platform.audit;

import dev.forecourt.platform.security.Sha256;
import java.time.Instant;

/**
 * The hash of an audit record: SHA-256 over its number, time, every field and the previous record's
 * hash, each value length-prefixed (so no two different records share a canonical form).
 */
public final class AuditHash {

  /** The "previous hash" of the first record. */
  public static final String GENESIS = "0".repeat(64);

  private AuditHash() {}

  public static String of(long seqNo, Instant occurredAt, AuditEntry e, String prevHash) {
    StringBuilder canonical = new StringBuilder(512);
    for (Object value :
        new Object[] {
          seqNo,
          occurredAt,
          e.subject(),
          e.roles(),
          e.apiKey(),
          e.entityType(),
          e.entityId(),
          e.action(),
          e.changes(),
          e.clientIp(),
          e.correlationId(),
          e.outcome(),
          e.error(),
          prevHash
        }) {
      if (value == null) {
        canonical.append("-;");
      } else {
        String text = value.toString();
        canonical.append(text.length()).append(':').append(text).append(';');
      }
    }
    return Sha256.hex(canonical.toString());
  }

  /** The hash {@code record} should carry given its content. */
  public static String of(AuditRecord r) {
    return of(r.seqNo(), r.occurredAt(), entryOf(r), r.prevHash());
  }

  static AuditEntry entryOf(AuditRecord r) {
    return new AuditEntry(
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
        r.error());
  }
}
