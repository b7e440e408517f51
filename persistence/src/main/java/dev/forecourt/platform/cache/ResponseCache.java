package dev.forecourt.platform.cache;

import dev.forecourt.platform.persistence.AfterTransaction;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.infinispan.Cache;
import org.infinispan.manager.EmbeddedCacheManager;

/**
 * The response cache: answers of hot reads kept as the JSON bytes sent, with their ETag, under a
 * key that holds everything the answer depends on (the resource, its parameters and the caller's
 * visibility class). Each entry carries tags ({@code vehicle:42}, {@code dealership:MUC}, {@code
 * vehicles}) and the versions those tags had when the answer was computed; it is fresh while every
 * tag still has that version.
 *
 * <p>Entries are local to the node ({@value ApplicationCaches#RESPONSES}); the tag versions are
 * replicated to every node ({@value ApplicationCaches#RESPONSE_TAGS}, synchronously). Invalidating
 * a tag gives it a new version, so every node's entries with that tag become stale at once, without
 * sending the entries or their keys around. Changes to vehicles and dealerships invalidate their
 * tags after the commit ({@link ResponseInvalidation}).
 *
 * <p>Entries live at most 5 minutes and tag versions 15 (forecourt-infinispan.xml): a tag version
 * outlives every entry that could have seen the tag before it, so an expired tag never makes an old
 * entry fresh again. Without a started cache manager (before the first user acquired it) nothing is
 * cached and nothing needs invalidating on this node.
 */
public final class ResponseCache {

  private static final Logger LOG = Logger.getLogger(ResponseCache.class.getName());

  private static final String TSR = "java:comp/TransactionSynchronizationRegistry";

  /** The tags a transaction changed, under this key in its synchronization registry. */
  private static final Object PENDING = new Object();

  private static final LongAdder INVALIDATIONS = new LongAdder();

  /** How a read went. */
  public enum Outcome {
    /** Answered from a fresh entry. */
    HIT,
    /** Computed (no entry, or a stale one that could not be served). */
    MISS,
    /** Answered from a stale entry while it is computed again in the background. */
    STALE
  }

  private static final Map<Outcome, LongAdder> OUTCOMES = new java.util.EnumMap<>(Outcome.class);

  static {
    for (Outcome outcome : Outcome.values()) {
      OUTCOMES.put(outcome, new LongAdder());
    }
  }

  /** This node's counts since its start. */
  public record Statistics(
      int entries, long hits, long misses, long staleServed, long invalidations) {}

  private static volatile TransactionSynchronizationRegistry registry;

  /**
   * A cached answer: the body, its ETag, the next page's cursor (lists), and its tags' versions.
   */
  public record Entry(
      byte[] body, String etag, String next, Map<String, ResponseTag> tags, long storedAtMillis) {}

  /** An entry and whether every one of its tags still has the version it was computed with. */
  public record Lookup(Entry entry, boolean fresh) {}

  /** What the admin sees of an entry (never its body). */
  public record Description(
      String key, List<String> tags, boolean fresh, int bytes, long storedAtMillis) {}

  private ResponseCache() {}

  /** The entry of {@code key}, fresh or stale; null when there is none. */
  public static Lookup lookup(String key) {
    Cache<String, Entry> entries = entries();
    if (entries == null) {
      return null;
    }
    Entry entry = entries.get(key);
    return entry == null ? null : new Lookup(entry, fresh(entry, tags()));
  }

  /**
   * The current versions of {@code tags}: taken before an answer is computed and stored with it, so
   * that a change committed meanwhile leaves the stored answer stale.
   */
  public static Map<String, ResponseTag> versions(Collection<String> tags) {
    Cache<String, ResponseTag> versions = tags();
    Map<String, ResponseTag> taken = new java.util.LinkedHashMap<>();
    for (String tag : tags) {
      ResponseTag version = versions == null ? null : versions.get(tag);
      taken.put(tag, version == null ? ResponseTag.NEVER : version);
    }
    return taken;
  }

  /** Keeps {@code entry} under {@code key} (on this node). */
  public static void store(String key, Entry entry) {
    Cache<String, Entry> entries = entries();
    if (entries != null) {
      entries.put(key, entry);
    }
  }

  /** Makes every entry with one of {@code tags} stale, on every node, now. */
  public static void invalidate(Collection<String> tags) {
    Cache<String, ResponseTag> versions = tags();
    if (versions == null || tags.isEmpty()) {
      return;
    }
    long now = System.currentTimeMillis();
    for (String tag : tags) {
      versions.put(tag, new ResponseTag(now, ThreadLocalRandom.current().nextLong()));
      INVALIDATIONS.increment();
    }
  }

  /**
   * Invalidates {@code tags} once the current transaction has committed (nothing after a rollback);
   * at once when there is no transaction.
   */
  public static void invalidateAfterCommit(Collection<String> tags) {
    TransactionSynchronizationRegistry transaction = registry();
    if (transaction == null || transaction.getTransactionStatus() == Status.STATUS_NO_TRANSACTION) {
      invalidate(tags);
      return;
    }
    @SuppressWarnings("unchecked")
    Set<String> pending = (Set<String>) transaction.getResource(PENDING);
    if (pending == null) {
      Set<String> changed = new LinkedHashSet<>();
      transaction.putResource(PENDING, changed);
      AfterTransaction.committed(
          transaction,
          () -> {
            try {
              invalidate(changed);
            } catch (RuntimeException e) {
              // the change is committed; a node that missed the invalidation serves the old
              // answer until the entry's lifespan ends (at most 5 minutes)
              LOG.log(Level.WARNING, "Response cache: could not invalidate " + changed, e);
            }
          });
      pending = changed;
    }
    pending.addAll(tags);
  }

  /** Counts a read that went {@code outcome}. */
  public static void count(Outcome outcome) {
    OUTCOMES.get(outcome).increment();
  }

  /** This node's entries and counts (invalidations: the tag invalidations this node made). */
  public static Statistics statistics() {
    Cache<String, Entry> entries = entries();
    return new Statistics(
        entries == null ? 0 : entries.size(),
        OUTCOMES.get(Outcome.HIT).sum(),
        OUTCOMES.get(Outcome.MISS).sum(),
        OUTCOMES.get(Outcome.STALE).sum(),
        INVALIDATIONS.sum());
  }

  /** This node's entries with tag {@code tag} (all when null), by key, at most {@code max}. */
  public static List<Description> describe(String tag, int max) {
    Cache<String, Entry> entries = entries();
    if (entries == null) {
      return List.of();
    }
    Cache<String, ResponseTag> versions = tags();
    List<Description> found = new ArrayList<>();
    for (Map.Entry<String, Entry> e : entries.entrySet()) {
      Entry entry = e.getValue();
      if (tag == null || entry.tags().containsKey(tag)) {
        found.add(
            new Description(
                e.getKey(),
                List.copyOf(entry.tags().keySet()),
                fresh(entry, versions),
                entry.body().length,
                entry.storedAtMillis()));
      }
    }
    found.sort(Comparator.comparing(Description::key));
    return found.size() > max ? found.subList(0, max) : found;
  }

  private static boolean fresh(Entry entry, Cache<String, ResponseTag> versions) {
    for (Map.Entry<String, ResponseTag> tag : entry.tags().entrySet()) {
      ResponseTag now = versions.get(tag.getKey());
      if (!tag.getValue().equals(now == null ? ResponseTag.NEVER : now)) {
        return false;
      }
    }
    return true;
  }

  private static Cache<String, Entry> entries() {
    EmbeddedCacheManager manager = ApplicationCaches.running();
    return manager == null ? null : manager.getCache(ApplicationCaches.RESPONSES);
  }

  private static Cache<String, ResponseTag> tags() {
    EmbeddedCacheManager manager = ApplicationCaches.running();
    return manager == null ? null : manager.getCache(ApplicationCaches.RESPONSE_TAGS);
  }

  private static TransactionSynchronizationRegistry registry() {
    TransactionSynchronizationRegistry found = registry;
    if (found == null) {
      try {
        found = InitialContext.doLookup(TSR);
        registry = found;
      } catch (NamingException e) {
        return null;
      }
    }
    return found;
  }
}
