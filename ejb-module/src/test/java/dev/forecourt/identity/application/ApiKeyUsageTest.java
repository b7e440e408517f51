package dev.forecourt.identity.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ApiKeyUsageTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void oneUseAnIntervalPerKeyIsRecorded() {
    Map<Long, Instant> recorded = new ConcurrentHashMap<>();
    assertTrue(ApiKeyUsage.claim(recorded, 1, T0));
    assertFalse(ApiKeyUsage.claim(recorded, 1, T0.plusSeconds(59)));
    assertTrue(ApiKeyUsage.claim(recorded, 2, T0.plusSeconds(59)));
    assertTrue(ApiKeyUsage.claim(recorded, 1, T0.plus(ApiKeyUsage.INTERVAL)));
    assertFalse(ApiKeyUsage.claim(recorded, 1, T0.plus(ApiKeyUsage.INTERVAL).plusSeconds(1)));
  }

  @Test
  void ofFiftyConcurrentUsesExactlyOneWrites() throws Exception {
    Map<Long, Instant> recorded = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(50);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> claims = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        int n = i;
        claims.add(
            pool.submit(
                () -> {
                  start.await();
                  return ApiKeyUsage.claim(recorded, 7, T0.plusMillis(n));
                }));
      }
      start.countDown();
      int winners = 0;
      for (Future<Boolean> claim : claims) {
        winners += claim.get() ? 1 : 0;
      }
      assertEquals(1, winners);
    } finally {
      pool.shutdownNow();
    }
  }
}
