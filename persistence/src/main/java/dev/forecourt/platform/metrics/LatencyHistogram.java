package dev.forecourt.platform.metrics;

import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Prometheus histogram of durations in seconds, for MicroProfile Metrics: cumulative counts of
 * the durations that took at most each bucket's bound ({@code le}), their number and their sum.
 * Counted here because Payara's exporter counts a timer's configured buckets over its recent-sample
 * reservoir, not cumulatively, which {@code rate()} and {@code histogram_quantile()} cannot take.
 */
final class LatencyHistogram {

  /** The upper bounds in seconds, ascending (then +Inf). */
  private final double[] bounds;

  /** The durations per bucket (not cumulative): index i for (bounds[i-1], bounds[i]], last +Inf. */
  private final LongAdder[] buckets;

  private final DoubleAdder sum = new DoubleAdder();

  LatencyHistogram(double... bounds) {
    this.bounds = bounds.clone();
    this.buckets = new LongAdder[bounds.length + 1];
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = new LongAdder();
    }
  }

  void record(long nanos) {
    double seconds = nanos / 1e9;
    int i = 0;
    while (i < bounds.length && seconds > bounds[i]) {
      i++;
    }
    buckets[i].increment();
    sum.add(seconds);
  }

  /** The durations of at most {@code bounds[index]} (all of them for index bounds.length). */
  long cumulative(int index) {
    long total = 0;
    for (int i = 0; i <= index; i++) {
      total += buckets[i].sum();
    }
    return total;
  }

  /** The bucket's {@code le} label: its bound, or +Inf past the last. */
  String le(int index) {
    return index < bounds.length ? Double.toString(bounds[index]) : "+Inf";
  }

  int buckets() {
    return buckets.length;
  }

  long count() {
    return cumulative(bounds.length);
  }

  double sum() {
    return sum.sum();
  }
}
