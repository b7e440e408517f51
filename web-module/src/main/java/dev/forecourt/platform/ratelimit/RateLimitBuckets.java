package dev.forecourt.platform.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.grid.infinispan.Bucket4jInfinispan;
import io.github.bucket4j.grid.infinispan.serialization.Bucket4jProtobufContextInitializer;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.infinispan.Cache;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.configuration.global.GlobalConfigurationBuilder;
import org.infinispan.functional.FunctionalMap;
import org.infinispan.functional.impl.FunctionalMapImpl;
import org.infinispan.functional.impl.ReadWriteMapImpl;
import org.infinispan.manager.DefaultCacheManager;

/**
 * The token buckets: Bucket4j's proxy manager over an embedded Infinispan cache. A bucket is
 * created on first use with the limit of its key, and expires once it would be full again.
 */
@ApplicationScoped
public class RateLimitBuckets {

  static final String CACHE = "forecourt-rate-limits";

  private DefaultCacheManager cacheManager;
  private ProxyManager<String> buckets;

  @PostConstruct
  void start() {
    GlobalConfigurationBuilder global = new GlobalConfigurationBuilder().nonClusteredDefault();
    global.cacheManagerName("forecourt-rate-limits");
    global.jmx().disable();
    global.serialization().addContextInitializer(new Bucket4jProtobufContextInitializer());
    cacheManager = new DefaultCacheManager(global.build());
    ConfigurationBuilder cache = new ConfigurationBuilder();
    cache.memory().maxCount(200_000);
    cacheManager.defineConfiguration(CACHE, cache.build());
    Cache<String, byte[]> store = cacheManager.getCache(CACHE);
    FunctionalMap.ReadWriteMap<String, byte[]> map =
        ReadWriteMapImpl.create(FunctionalMapImpl.create(store.getAdvancedCache()));
    buckets =
        Bucket4jInfinispan.entryProcessorBasedBuilder(map)
            .expirationAfterWrite(
                ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                    Duration.ofSeconds(10)))
            .build();
  }

  @PreDestroy
  void stop() {
    if (cacheManager != null) {
      cacheManager.stop();
    }
  }

  /** Takes one token from the bucket of {@code key} (created with {@code limit} per minute). */
  public ConsumptionProbe consume(String key, long limitPerMinute) {
    String bucketKey = key + "|" + limitPerMinute;
    return buckets
        .getProxy(
            bucketKey,
            () ->
                BucketConfiguration.builder()
                    .addLimit(
                        limit ->
                            limit
                                .capacity(limitPerMinute)
                                .refillIntervally(limitPerMinute, Duration.ofMinutes(1)))
                    .build())
        .tryConsumeAndReturnRemaining(1);
  }
}
