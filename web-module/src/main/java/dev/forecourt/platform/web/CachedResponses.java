package dev.forecourt.platform.web;

import dev.forecourt.platform.cache.ApplicationCaches;
import dev.forecourt.platform.cache.ResponseCache;
import dev.forecourt.platform.cache.ResponseCache.Entry;
import dev.forecourt.platform.cache.ResponseCache.Lookup;
import dev.forecourt.platform.cache.ResponseCache.Outcome;
import dev.forecourt.platform.cache.ResponseTag;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hot reads answered from the {@link ResponseCache}: the JSON bytes of an earlier answer with its
 * strong ETag ({@code If-None-Match} gets 304), while the answer's tags are unchanged. A resource
 * gives the key (everything the answer depends on: the caller's visibility class included), the
 * tags it knows before computing, and how to compute it; the answer may name more tags (e.g. its
 * dealership). A stale entry is computed again before answering, except where the resource allows
 * stale-while-revalidate: then the stale answer is served and one refresh runs in the background
 * ({@link ResponseRefresh}), one at a time per key.
 *
 * <p>The bytes are what JAX-RS would have written: JSON-B with its default configuration, as the
 * server's JSON-B provider uses (the application registers no other).
 */
@ApplicationScoped
public class CachedResponses {

  private static final Logger LOG = Logger.getLogger(CachedResponses.class.getName());

  private static final Jsonb JSON = JsonbBuilder.create();

  @Inject ResponseRefresh refresh;

  /** The keys being computed again in the background. */
  private final Set<String> refreshing = ConcurrentHashMap.newKeySet();

  /**
   * An answer to cache: the entity to send as JSON, its ETag (null: a digest of the bytes), the
   * next page's cursor of a list (or null), and tags only the answer knows.
   */
  public record Answer(Object entity, EntityTag etag, String next, List<String> moreTags) {

    /**
     * This answer, provided the caller it was computed for is still of {@code expected}, the
     * visibility class its key names ({@code actual}, asked again while computing): else it is not
     * kept (e.g. a background refresh that ran without the caller's identity).
     */
    public Answer computedFor(String expected, String actual) {
      if (!expected.equals(actual)) {
        throw new IllegalStateException(
            "An answer for " + expected + " was computed for " + actual + ": not kept");
      }
      return this;
    }
  }

  /** What is sent: the JSON bytes, the ETag and the next page's cursor (or null). */
  public record Cached(byte[] body, EntityTag etag, String next) {}

  @PostConstruct
  void start() {
    ApplicationCaches.acquire();
  }

  @PreDestroy
  void stop() {
    ApplicationCaches.release();
  }

  /**
   * The answer under {@code key}: from a fresh entry, else computed by {@code compute} and kept
   * with the versions {@code tags} had before it ran. With {@code staleWhileRevalidate}, a stale
   * entry is served while one background refresh computes it again.
   */
  public Cached get(
      String key, List<String> tags, boolean staleWhileRevalidate, Supplier<Answer> compute) {
    Lookup found = ResponseCache.lookup(key);
    if (found != null && found.fresh()) {
      ResponseCache.count(Outcome.HIT);
      return cached(found.entry());
    }
    if (found != null && staleWhileRevalidate && refreshInBackground(key, tags, compute)) {
      ResponseCache.count(Outcome.STALE);
      return cached(found.entry());
    }
    ResponseCache.count(Outcome.MISS);
    return cached(compute(key, tags, compute));
  }

  /**
   * The 200 answer of {@code cached} (JSON, its ETag), or 304 when {@code ifNoneMatch} names its
   * ETag.
   */
  public static Response.ResponseBuilder respond(Cached cached, String ifNoneMatch) {
    if (Versions.unchanged(ifNoneMatch, cached.etag().getValue())) {
      return Response.notModified(cached.etag());
    }
    return Response.ok(cached.body(), MediaType.APPLICATION_JSON_TYPE).tag(cached.etag());
  }

  /** {@code entity} as JAX-RS writes it: JSON-B with its default configuration. */
  public static String json(Object entity) {
    return JSON.toJson(entity);
  }

  /** Computes the answer of {@code key} and keeps it; what it computed. */
  Entry compute(String key, List<String> tags, Supplier<Answer> compute) {
    Map<String, ResponseTag> versions = new LinkedHashMap<>(ResponseCache.versions(tags));
    Answer answer = compute.get();
    byte[] body = json(answer.entity()).getBytes(StandardCharsets.UTF_8);
    versions.putAll(ResponseCache.versions(answer.moreTags()));
    String etag = answer.etag() == null ? digest(body) : answer.etag().getValue();
    Entry entry = new Entry(body, etag, answer.next(), versions, System.currentTimeMillis());
    ResponseCache.store(key, entry);
    return entry;
  }

  private boolean refreshInBackground(String key, List<String> tags, Supplier<Answer> compute) {
    if (!refreshing.add(key)) {
      return true; // one refresh is already under way
    }
    try {
      refresh
          .run(() -> compute(key, tags, compute))
          .whenComplete(
              (done, failure) -> {
                refreshing.remove(key);
                if (failure != null) {
                  LOG.log(Level.FINE, "Response cache: refresh of " + key + " failed", failure);
                }
              });
      return true;
    } catch (RejectedExecutionException e) {
      // the executor is saturated: this caller computes it
      refreshing.remove(key);
      return false;
    }
  }

  private static Cached cached(Entry entry) {
    return new Cached(entry.body(), new EntityTag(entry.etag()), entry.next());
  }

  /** A strong ETag for bytes that have no version of their own: their SHA-256, shortened. */
  private static String digest(byte[] body) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 27);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
