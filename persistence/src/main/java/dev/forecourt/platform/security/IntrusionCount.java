package dev.forecourt.platform.security;

import java.time.Instant;
import org.infinispan.protostream.annotations.Proto;

/**
 * The intrusion events of one client address since {@code firstMillis}, as the intrusion ledger
 * keeps them in the application's (possibly clustered) cache.
 */
@Proto
public record IntrusionCount(long firstMillis, int count) {

  public static IntrusionCount first(Instant now) {
    return new IntrusionCount(now.toEpochMilli(), 1);
  }

  public IntrusionCount plusOne() {
    return new IntrusionCount(firstMillis, count + 1);
  }

  /** True when the window that began with the first event has passed at {@code now}. */
  public boolean windowOver(Instant now, java.time.Duration window) {
    return Instant.ofEpochMilli(firstMillis).plus(window).isBefore(now);
  }
}
