package dev.forecourt.platform.security;

import org.infinispan.protostream.annotations.Proto;

/**
 * A block of a client address as the intrusion ledger keeps it in the application's (possibly
 * clustered) cache: times in epoch milliseconds.
 */
@Proto
public record ClientBlock(
    String address, long blockedAtMillis, long blockedUntilMillis, int events, String lastRule) {

  /** Whether the block still holds at {@code nowMillis}. */
  public boolean holdsAt(long nowMillis) {
    return blockedUntilMillis > nowMillis;
  }
}
