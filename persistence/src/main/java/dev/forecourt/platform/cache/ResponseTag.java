package dev.forecourt.platform.cache;

import org.infinispan.protostream.annotations.Proto;

/**
 * The version of one response-cache tag (e.g. {@code vehicle:42}) as the tag cache holds it,
 * replicated to every node: when it was last invalidated (epoch milliseconds) and a random number,
 * so that two invalidations in the same millisecond still differ. A cached response remembers the
 * versions of its tags at the time it was computed; it is fresh while they are all unchanged.
 */
@Proto
public record ResponseTag(long invalidatedAtMillis, long nonce) {

  /** The version of a tag that was never invalidated (or whose record expired). */
  public static final ResponseTag NEVER = new ResponseTag(0, 0);
}
