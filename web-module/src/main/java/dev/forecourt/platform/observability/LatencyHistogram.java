package dev.forecourt.platform.observability;

import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Prometheus histogram of request latencies in seconds: cumulative counts of the requests that
 * took at most each bucket's bound ({@code le}), their number and their sum. Counted here because
 * Payara's exporter counts a timer's configured buckets over its recent-sample reservoir, not
 * cumulatively, which {@code rate()} and {@code histogram_quantile()} cannot take.
 */
final class LatencyHistogram {

  /** The upper bounds in seconds: an API's range, 5 ms to 10 s (then +Inf). */
  static final double[] BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  /** The requests per bucket (not cumulative): index i for (BOUNDS[i-1], BOUNDS[i]], last +Inf. */
  private final LongAdder[] buckets = new LongAdder[BOUNDS.length + 1];

  private final DoubleAdder sum = new DoubleAdder();

  LatencyHistogram() {
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = new LongAdder();
    }
  }

  void record(long nanos) {
    double seconds = nanos / 1e9;
    int i = 0;
    while (i < BOUNDS.length && seconds > BOUNDS[i]) {
      i++;
    }
    buckets[i].increment();
    sum.add(seconds);
  }

  /** The requests that took at most {@code BOUNDS[index]} (all of them for index BOUNDS.length). */
  long cumulative(int index) {
    long total = 0;
    for (int i = 0; i <= index; i++) {
      total += buckets[i].sum();
    }
    return total;
  }

  long count() {
    return cumulative(BOUNDS.length);
  }

  double sum() {
    return sum.sum();
  }
}
