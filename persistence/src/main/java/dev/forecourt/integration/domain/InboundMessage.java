package dev.forecourt.integration.domain;

import dev.forecourt.platform.persistence.StoredTime;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A signed inbound message accepted from a source: the same message id again is a replay. */
@Entity
@Table(name = "inbound_message")
public class InboundMessage {

  /** Source and message id. */
  @Embeddable
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;

    @Column(name = "source", length = 40, nullable = false, updatable = false)
    private String source;

    @Column(name = "message_id", length = 100, nullable = false, updatable = false)
    private String messageId;

    protected Key() {}

    public Key(String source, String messageId) {
      this.source = Objects.requireNonNull(source, "source");
      this.messageId = Objects.requireNonNull(messageId, "messageId");
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && source.equals(k.source) && messageId.equals(k.messageId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(source, messageId);
    }
  }

  @EmbeddedId private Key key;

  @Column(name = "received_at", nullable = false, updatable = false)
  private Instant receivedAt;

  protected InboundMessage() {}

  public InboundMessage(String source, String messageId) {
    this.key = new Key(source, messageId);
    this.receivedAt = StoredTime.now();
  }

  public Instant receivedAt() {
    return receivedAt;
  }
}
