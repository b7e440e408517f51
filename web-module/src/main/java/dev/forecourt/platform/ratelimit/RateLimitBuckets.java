package dev.forecourt.platform.ratelimit;

import dev.forecourt.platform.cache.ApplicationCaches;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.RemoteBucketBuilder;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.grid.infinispan.Bucket4jInfinispan;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 *
 * <p>A request does not go to the cache every time: each node keeps its proxy of a bucket and takes
 * up to 1 % of the limit ({@link #allowance}, at most {@value #MAX_ALLOWANCE}) locally before it
 * synchronises with the cache, and synchronises at least every {@link #SYNC_PERIOD} (Bucket4j's
 * delaying optimisation). A node counts its own requests exactly, so a single node admits exactly
 * the limit; on a cluster a client can get at most the allowance more per node (20 of 1 000 a
 * minute on two nodes); limits under 100 a minute (login) are always synchronised.
 */
@ApplicationScoped
public class RateLimitBuckets {

  /** The most tokens a node takes from a bucket without synchronising it with the cluster. */
  static final long MAX_ALLOWANCE = 50;

  static final Duration SYNC_PERIOD = Duration.ofMillis(500);

  /** Bucket proxies kept on this node; beyond this many (distinct clients) the map starts over. */
  private static final int MAX_PROXIES = 50_000;

  private ProxyManager<String> buckets;

  private final Map<String, Bucket> proxies = new ConcurrentHashMap<>();

  @PostConstruct
  void start() {
    EmbeddedCacheManager caches = ApplicationCaches.acquire();
    buckets = proxyManager(caches.getCache(ApplicationCaches.RATE_LIMITS));
  }

  static ProxyManager<String> proxyManager(Cache<String, byte[]> store) {
    FunctionalMap.ReadWriteMap<String, byte[]> map =
        ReadWriteMapImpl.create(FunctionalMapImpl.create(store.getAdvancedCache()));
    return Bucket4jInfinispan.entryProcessorBasedBuilder(map)
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
    if (proxies.size() > MAX_PROXIES) {
      proxies.clear(); // a node's unsynchronised tokens (at most the allowance per client) are lost
    }
    return proxies
        .computeIfAbsent(key + "|" + limitPerMinute, k -> proxy(buckets, k, limitPerMinute))
        .tryConsumeAndReturnRemaining(1);
  }

  /** A node's proxy of the bucket {@code bucketKey} in {@code buckets}. */
  static Bucket proxy(ProxyManager<String> buckets, String bucketKey, long limitPerMinute) {
    RemoteBucketBuilder<String> builder = buckets.builder();
    long allowance = allowance(limitPerMinute);
    if (allowance > 0) {
      builder =
          builder.withOptimization(
              Optimizations.delaying(new DelayParameters(allowance, SYNC_PERIOD)));
    }
    return builder.build(
        bucketKey,
        () ->
            BucketConfiguration.builder()
                .addLimit(
                    limit ->
                        limit
                            .capacity(limitPerMinute)
                            .refillIntervally(limitPerMinute, Duration.ofMinutes(1)))
                .build());
  }

  /** The tokens a node may take from a bucket of this limit before it synchronises. */
  static long allowance(long limitPerMinute) {
    return Math.min(MAX_ALLOWANCE, limitPerMinute / 100);
  }
}
