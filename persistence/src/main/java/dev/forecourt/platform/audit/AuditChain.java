package dev.forecourt.platform.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The head of the audit hash chain (a single row, id 1): the last record's number and hash, and the
 * checkpoint retention leaves behind (the last purged record's number and hash), from which the
 * remaining chain is verified. Appending locks this row, so records form one line.
 */
@Entity
@Table(name = "audit_chain")
public class AuditChain {

  public static final int ID = 1;

  @Id
  @Column(name = "id")
  private int id;

  @Column(name = "last_seq", nullable = false)
  private long lastSeq;

  @Column(name = "last_hash", nullable = false, length = 64)
  private String lastHash;

  @Column(name = "checkpoint_seq", nullable = false)
  private long checkpointSeq;

  @Column(name = "checkpoint_hash", nullable = false, length = 64)
  private String checkpointHash;

  protected AuditChain() {}

  /** Moves the head to the record just appended. */
  public void advance(long seq, String hash) {
    this.lastSeq = seq;
    this.lastHash = hash;
  }

  /** Records that every record up to {@code seq} (whose hash was {@code hash}) was purged. */
  public void checkpoint(long seq, String hash) {
    this.checkpointSeq = seq;
    this.checkpointHash = hash;
  }

  public long lastSeq() {
    return lastSeq;
  }

  public String lastHash() {
    return lastHash;
  }

  public long checkpointSeq() {
    return checkpointSeq;
  }

  public String checkpointHash() {
    return checkpointHash;
  }
}
