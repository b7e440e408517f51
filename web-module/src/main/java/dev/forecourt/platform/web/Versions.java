package dev.forecourt.platform.web;

import jakarta.ws.rs.core.EntityTag;

/**
 * Optimistic concurrency over HTTP: an entity's {@code @Version} is its ETag, and an update sends
 * it back in {@code If-Match} — 428 {@code precondition-required} without one, 412 {@code
 * precondition-failed} for one that is not the current version (the services compare it).
 */
public final class Versions {

  private Versions() {}

  /** The ETag of an entity at {@code version}. */
  public static EntityTag etag(long version) {
    return new EntityTag(Long.toString(version));
  }

  /**
   * Whether a conditional read can be answered 304 Not Modified: {@code If-None-Match} is {@code *}
   * or lists the entity's current version (weak comparison, as RFC 9110 asks for this header).
   */
  public static boolean unchanged(String ifNoneMatch, long version) {
    return unchanged(ifNoneMatch, Long.toString(version));
  }

  /**
   * Whether {@code If-None-Match} is {@code *} or lists the ETag whose value is {@code current}
   * (weak comparison).
   */
  public static boolean unchanged(String ifNoneMatch, String current) {
    if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
      return false;
    }
    for (String tag : ifNoneMatch.split(",")) {
      String t = tag.trim();
      if (t.equals("*")) {
        return true;
      }
      if (t.startsWith("W/")) {
        t = t.substring(2);
      }
      if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
        t = t.substring(1, t.length() - 1);
      }
      if (t.equals(current)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The version the client read, from {@code If-Match: "<version>"} (a weak tag too); 428 without
   * one, 412 for one that is no version of ours. {@code what} names the resource ("vehicle").
   */
  public static long expected(String ifMatch, String what) {
    if (ifMatch == null || ifMatch.isBlank()) {
      throw new IfMatchMissing(what);
    }
    String tag = ifMatch.trim();
    if (tag.startsWith("W/")) {
      tag = tag.substring(2);
    }
    tag = tag.replace("\"", "");
    try {
      return Long.parseLong(tag);
    } catch (NumberFormatException e) {
      throw new IfMatchMismatch(what);
    }
  }
}
