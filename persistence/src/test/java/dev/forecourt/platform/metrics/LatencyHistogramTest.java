package dev.forecourt.platform.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  private static final int LE_5MS = 0;
  private static final int LE_10MS = 1;
  private static final int LE_1S = 7;
  private static final int LE_10S = 10;
  private static final int INF = 11;

  @Test
  void countsAreCumulativeAndABoundBelongsToItsOwnBucket() {
    LatencyHistogram histogram =
        new LatencyHistogram(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10);
    histogram.record(5_000_000); // exactly 5 ms: le="0.005" (Prometheus buckets are "at most")
    histogram.record(5_000_001);
    histogram.record(900_000_000);
    histogram.record(60_000_000_000L); // a minute: +Inf only

    assertEquals(1, histogram.cumulative(LE_5MS));
    assertEquals(2, histogram.cumulative(LE_10MS));
    assertEquals(3, histogram.cumulative(LE_1S));
    assertEquals(3, histogram.cumulative(LE_10S));
    assertEquals(4, histogram.cumulative(INF));
    assertEquals(4, histogram.count());
    assertEquals(0.005 + 0.005000001 + 0.9 + 60, histogram.sum(), 1e-9);
    assertEquals("0.005", histogram.le(LE_5MS));
    assertEquals("+Inf", histogram.le(INF));
  }
}
