package dev.forecourt.platform.ratelimit;

import dev.forecourt.platform.cache.ApplicationCaches;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.grid.infinispan.Bucket4jInfinispan;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.infinispan.Cache;
import org.infinispan.functional.FunctionalMap;
import org.infinispan.functional.impl.FunctionalMapImpl;
import org.infinispan.functional.impl.ReadWriteMapImpl;
import org.infinispan.manager.EmbeddedCacheManager;

/**
 * The token buckets: Bucket4j's proxy manager over the application's cache {@value
 * ApplicationCaches#RATE_LIMITS} (replicated when the node is clustered, so a client has one budget
 * on the whole cluster). A bucket is created on first use with the limit of its key, and expires
 * once it would be full again.
 */
@ApplicationScoped
public class RateLimitBuckets {

  private ProxyManager<String> buckets;

  @PostConstruct
  void start() {
    EmbeddedCacheManager caches = ApplicationCaches.acquire();
    Cache<String, byte[]> store = caches.getCache(ApplicationCaches.RATE_LIMITS);
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
    ApplicationCaches.release();
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
