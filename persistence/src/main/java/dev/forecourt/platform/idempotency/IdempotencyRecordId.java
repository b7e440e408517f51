package dev.forecourt.platform.idempotency;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.io.Serializable;
import java.util.Objects;

/** A caller and the idempotency key it sent: keys are per caller. */
@Embeddable
public class IdempotencyRecordId implements Serializable {

  private static final long serialVersionUID = 1L;

  @Column(name = "caller", nullable = false, length = 200)
  private String caller;

  @Column(name = "idempotency_key", nullable = false, length = 100)
  private String key;

  protected IdempotencyRecordId() {}

  public IdempotencyRecordId(String caller, String key) {
    this.caller = caller;
    this.key = key;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IdempotencyRecordId other
        && caller.equals(other.caller)
        && key.equals(other.key);
  }

  @Override
  public int hashCode() {
    return Objects.hash(caller, key);
  }
}
