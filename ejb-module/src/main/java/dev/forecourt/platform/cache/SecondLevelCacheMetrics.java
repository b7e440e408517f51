package dev.forecourt.platform.cache;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.util.function.ToLongFunction;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;

/**
 * Publishes the second-level cache statistics of the persistence unit as application gauges ({@code
 * forecourt_l2_cache_hits}, {@code _misses}, {@code _puts}) when the provider is Hibernate ORM; on
 * another provider nothing is registered and that is logged once.
 */
@Singleton
@Startup
public class SecondLevelCacheMetrics {

  private static final Logger LOG = Logger.getLogger(SecondLevelCacheMetrics.class.getName());

  @PersistenceUnit(unitName = "forecourt")
  EntityManagerFactory emf;

  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry registry;

  @PostConstruct
  void register() {
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

  private void gauge(
      String name, String description, Statistics statistics, ToLongFunction<Statistics> value) {
    registry.gauge(
        org.eclipse.microprofile.metrics.Metadata.builder()
            .withName(name)
            .withDescription(description)
            .build(),
        statistics,
        value::applyAsLong);
  }
}
