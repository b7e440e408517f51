package dev.forecourt.platform.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.configuration.global.GlobalConfigurationBuilder;
import org.infinispan.manager.DefaultCacheManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The node-local allowance of a rate-limit bucket, on a real (local) Infinispan cache: two proxies
 * of one bucket stand for two nodes of a cluster.
 */
class RateLimitBucketsTest {

  private static DefaultCacheManager caches;
  private static ProxyManager<String> buckets;

  @BeforeAll
  static void start() {
    GlobalConfigurationBuilder global = new GlobalConfigurationBuilder().nonClusteredDefault();
    global.jmx().disable();
    caches = new DefaultCacheManager(global.build());
    caches.defineConfiguration("limits", new ConfigurationBuilder().build());
    buckets = RateLimitBuckets.proxyManager(caches.getCache("limits"));
  }

  @AfterAll
  static void stop() {
    caches.stop();
  }

  @Test
  void theAllowanceIsOnePercentOfTheLimitCappedAndNoneForSmallLimits() {
    assertEquals(0, RateLimitBuckets.allowance(10), "login limits are always synchronised");
    assertEquals(0, RateLimitBuckets.allowance(99));
    assertEquals(10, RateLimitBuckets.allowance(1_000));
    assertEquals(RateLimitBuckets.MAX_ALLOWANCE, RateLimitBuckets.allowance(1_000_000));
  }

  @Test
  void oneNodeAdmitsExactlyTheLimit() {
    Bucket node = RateLimitBuckets.proxy(buckets, "one-node|1000", 1_000);
    assertEquals(1_000, admitted(1_500, node));
  }

  @Test
  void twoNodesAdmitAtMostTheirAllowancesMore() {
    long admitted = admitted(1_500, twoNodes("two-nodes|1000", 1_000));
    assertTrue(admitted >= 1_000, admitted + " admitted");
    assertTrue(admitted <= 1_000 + 2 * RateLimitBuckets.allowance(1_000), admitted + " admitted");
  }

  @Test
  void smallLimitsAreExactAcrossNodes() {
    assertEquals(37, admitted(100, twoNodes("small|37", 37)));
  }

  /** Two nodes' proxies of the bucket {@code key}. */
  private static Bucket[] twoNodes(String key, long limit) {
    return new Bucket[] {
      RateLimitBuckets.proxy(buckets, key, limit), RateLimitBuckets.proxy(buckets, key, limit)
    };
  }

  /** {@code requests} requests taking turns over {@code nodes}: how many were admitted. */
  private static long admitted(int requests, Bucket... nodes) {
    long admitted = 0;
    for (int i = 0; i < requests; i++) {
      admitted += nodes[i % nodes.length].tryConsume(1) ? 1 : 0;
    }
    return admitted;
  }
}
