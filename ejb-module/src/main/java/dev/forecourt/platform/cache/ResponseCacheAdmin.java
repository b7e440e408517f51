package dev.forecourt.platform.cache;

import dev.forecourt.platform.audit.Audited;
import dev.forecourt.platform.audit.EntityId;
import dev.forecourt.platform.problem.InvalidParameter;
import dev.forecourt.platform.security.Role;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The response cache as admins see it: this node's entries and counts, and the invalidation of a
 * tag on every node (audited).
 */
@Stateless
@DeclareRoles(Role.ADMIN_NAME)
@RolesAllowed(Role.ADMIN_NAME)
public class ResponseCacheAdmin {

  /** The tags there are: {@code vehicles}, {@code vehicle:<id>}, {@code dealership:<code>}. */
  private static final Pattern TAG =
      Pattern.compile("vehicles|vehicle:[0-9]{1,18}|dealership:[A-Za-z0-9-]{1,32}");

  /** The most entries listed. */
  static final int MAX_LISTED = 500;

  /** One cached answer (never its body). */
  public record CachedAnswer(
      String key, List<String> tags, boolean fresh, int bytes, Instant storedAt) {}

  /** This node's response cache; {@code entries}: those with the tag (all when null), by key. */
  public record ResponseCacheView(
      String node,
      int entries,
      long hits,
      long misses,
      long staleServed,
      long invalidations,
      List<CachedAnswer> listed) {}

  public ResponseCacheView inspect(String tag) {
    ResponseCache.Statistics s = ResponseCache.statistics();
    List<CachedAnswer> listed =
        ResponseCache.describe(tag == null ? null : valid(tag), MAX_LISTED).stream()
            .map(
                d ->
                    new CachedAnswer(
                        d.key(),
                        d.tags(),
                        d.fresh(),
                        d.bytes(),
                        Instant.ofEpochMilli(d.storedAtMillis())))
            .toList();
    return new ResponseCacheView(
        ApplicationCaches.nodeName(),
        s.entries(),
        s.hits(),
        s.misses(),
        s.staleServed(),
        s.invalidations(),
        listed);
  }

  /** Makes every cached answer with {@code tag} stale, on every node. */
  @Audited(entity = "response-cache-tag", action = "invalidate")
  public void invalidate(@EntityId String tag) {
    ResponseCache.invalidate(List.of(valid(tag)));
  }

  private static String valid(String tag) {
    if (tag == null || !TAG.matcher(tag).matches()) {
      throw new InvalidParameter("tag", "must be vehicles, vehicle:<id> or dealership:<code>");
    }
    return tag;
  }
}
