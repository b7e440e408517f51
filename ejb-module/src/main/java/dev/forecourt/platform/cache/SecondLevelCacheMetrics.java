package dev.forecourt.platform.cache;

import dev.forecourt.platform.metrics.Meters;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.util.function.ToLongFunction;
import java.util.logging.Logger;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;

/**
 * Publishes the caches' statistics as application gauges: the response cache's ({@code
 * forecourt_response_cache_hits}, {@code _misses}, {@code _stale_served}, {@code _entries}, {@code
 * _invalidations}: this node's since its start) and the second-level cache's of the persistence
 * unit ({@code forecourt_l2_cache_hits}, {@code _misses}, {@code _puts}) when the provider is
 * Hibernate ORM; on another provider those are not registered and that is logged once.
 */
@Singleton
@Startup
public class SecondLevelCacheMetrics {

  private static final Logger LOG = Logger.getLogger(SecondLevelCacheMetrics.class.getName());

  @PersistenceUnit(unitName = "forecourt")
  EntityManagerFactory emf;

  @Inject Meters meters;

  @PostConstruct
  void register() {
    responseCache("hits", "Answers served from a fresh response-cache entry", s -> s.hits());
    responseCache("misses", "Answers computed (no fresh entry to serve)", s -> s.misses());
    responseCache(
        "stale.served",
        "Stale list pages served while they were computed again",
        s -> s.staleServed());
    responseCache("entries", "Entries held by this node", s -> s.entries());
    responseCache("invalidations", "Tag invalidations this node made", s -> s.invalidations());
    Statistics statistics;
    try {
      statistics = emf.unwrap(SessionFactory.class).getStatistics();
    } catch (RuntimeException | LinkageError e) {
      LOG.info("JPA provider is not Hibernate ORM: no second-level cache statistics are published");
      return;
    }
    gauge(
        "forecourt.l2.cache.hits",
        "Second-level cache hits",
        statistics,
        Statistics::getSecondLevelCacheHitCount);
    gauge(
        "forecourt.l2.cache.misses",
        "Second-level cache misses",
        statistics,
        Statistics::getSecondLevelCacheMissCount);
    gauge(
        "forecourt.l2.cache.puts",
        "Second-level cache puts",
        statistics,
        Statistics::getSecondLevelCachePutCount);
  }

  private void responseCache(
      String name, String description, ToLongFunction<ResponseCache.Statistics> value) {
    meters.gauge(
        "forecourt.response.cache." + name,
        description,
        () -> value.applyAsLong(ResponseCache.statistics()));
  }

  private void gauge(
      String name, String description, Statistics statistics, ToLongFunction<Statistics> value) {
    meters.gauge(name, description, () -> value.applyAsLong(statistics));
  }
}
