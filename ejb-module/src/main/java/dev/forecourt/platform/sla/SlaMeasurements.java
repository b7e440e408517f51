package dev.forecourt.platform.sla;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * This node's API answers of the last hour, second by second, for the SLA monitor: per second how
 * many, how many with a server error (5xx), how many slower than the latency objective, a latency
 * histogram (for the reported 99th percentile) and the readiness checks the monitor counted. One
 * slot per second in a ring of an hour; a slot is cleared when its second comes round again.
 * Recording is a few atomic increments (no lock, no allocation) on the request path.
 */
@ApplicationScoped
public class SlaMeasurements {

  /** Seconds the ring holds: the longest window. */
  static final int SECONDS = 3600;

  /** Upper bounds (milliseconds) of the latency buckets; the last bucket is unbounded. */
  static final long[] BOUNDS_MILLIS = {5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000};

  private static final int REQUESTS = 0;
  private static final int ERRORS = 1;
  private static final int SLOW = 2;
  private static final int CHECKS = 3;
  private static final int CHECKS_UP = 4;
  private static final int BUCKETS = 5;
  private static final int FIELDS = BUCKETS + BOUNDS_MILLIS.length + 1;
  private static final long[] BOUNDS_NANOS = new long[BOUNDS_MILLIS.length];

  static {
    for (int i = 0; i < BOUNDS_MILLIS.length; i++) {
      BOUNDS_NANOS[i] = Duration.ofMillis(BOUNDS_MILLIS[i]).toNanos();
    }
  }

  private final Clock clock;
  private final AtomicLongArray seconds = new AtomicLongArray(SECONDS);
  private final AtomicLongArray counts = new AtomicLongArray(SECONDS * FIELDS);
  private volatile long latencyObjectiveNanos = Duration.ofSeconds(1).toNanos();

  public SlaMeasurements() {
    this(Clock.systemUTC());
  }

  SlaMeasurements(Clock clock) {
    this.clock = clock;
    for (int i = 0; i < SECONDS; i++) {
      seconds.set(i, -1);
    }
  }

  /** An answer with {@code status} that took {@code nanos}. */
  public void record(int status, long nanos) {
    int base = slot(clock.millis() / 1000) * FIELDS;
    counts.incrementAndGet(base + REQUESTS);
    if (status >= 500) {
      counts.incrementAndGet(base + ERRORS);
    }
    if (nanos > latencyObjectiveNanos) {
      counts.incrementAndGet(base + SLOW);
    }
    counts.incrementAndGet(base + BUCKETS + bucket(nanos));
  }

  /** A readiness check by the monitor: whether the node was ready. */
  void check(boolean up) {
    int base = slot(clock.millis() / 1000) * FIELDS;
    counts.incrementAndGet(base + CHECKS);
    if (up) {
      counts.incrementAndGet(base + CHECKS_UP);
    }
  }

  /** Answers slower than this count as slow from now on. */
  void latencyObjective(Duration objective) {
    latencyObjectiveNanos = objective.toNanos();
  }

  /** The sums over the last {@code window} (at most an hour), this second included. */
  public Window window(Duration window) {
    long now = clock.millis() / 1000;
    long length = Math.min(Math.max(window.toSeconds(), 1), SECONDS);
    return between(now - length + 1, now);
  }

  /** The sums of the seconds {@code from} to {@code to} (epoch seconds, both included). */
  Window between(long from, long to) {
    long[] sum = new long[FIELDS];
    for (long s = Math.max(from, to - SECONDS + 1); s <= to; s++) {
      int i = (int) Math.floorMod(s, (long) SECONDS);
      if (seconds.get(i) == s) {
        int base = i * FIELDS;
        for (int f = 0; f < FIELDS; f++) {
          sum[f] += counts.get(base + f);
        }
      }
    }
    long[] buckets = new long[BOUNDS_MILLIS.length + 1];
    System.arraycopy(sum, BUCKETS, buckets, 0, buckets.length);
    return new Window(
        Duration.ofSeconds(to - from + 1),
        sum[REQUESTS],
        sum[ERRORS],
        sum[SLOW],
        sum[CHECKS],
        sum[CHECKS_UP],
        buckets);
  }

  /** The ring's slot of {@code second}, cleared first when it still holds an older second. */
  private int slot(long second) {
    int i = (int) Math.floorMod(second, (long) SECONDS);
    if (seconds.get(i) != second) {
      synchronized (this) {
        if (seconds.get(i) != second) {
          int base = i * FIELDS;
          for (int f = 0; f < FIELDS; f++) {
            counts.set(base + f, 0);
          }
          seconds.set(i, second);
        }
      }
    }
    return i;
  }

  private static int bucket(long nanos) {
    for (int b = 0; b < BOUNDS_NANOS.length; b++) {
      if (nanos <= BOUNDS_NANOS[b]) {
        return b;
      }
    }
    return BOUNDS_NANOS.length;
  }

  /**
   * The sums of one window: answers, server errors, slow answers, readiness checks and those UP,
   * answers per latency bucket.
   */
  public record Window(
      Duration length,
      long requests,
      long errors,
      long slow,
      long checks,
      long checksUp,
      long[] buckets) {

    /** Share of the readiness checks that found the node ready; 1 when none ran. */
    public double availability() {
      return checks == 0 ? 1.0 : (double) checksUp / checks;
    }

    /** Share of answers that were server errors; 0 without answers. */
    public double errorRate() {
      return requests == 0 ? 0.0 : (double) errors / requests;
    }

    /** Share of answers slower than the latency objective; 0 without answers. */
    public double slowRate() {
      return requests == 0 ? 0.0 : (double) slow / requests;
    }

    /**
     * The 99th percentile of the latency in seconds, as the upper bound of the bucket it falls in
     * (never below the truth); the largest bound when it falls beyond; 0 without answers.
     */
    public double p99Seconds() {
      if (requests == 0) {
        return 0.0;
      }
      long rank = (long) Math.ceil(requests * 0.99);
      long seen = 0;
      for (int b = 0; b < buckets.length; b++) {
        seen += buckets[b];
        if (seen >= rank) {
          int bound = Math.min(b, BOUNDS_MILLIS.length - 1);
          return BOUNDS_MILLIS[bound] / 1000.0;
        }
      }
      return BOUNDS_MILLIS[BOUNDS_MILLIS.length - 1] / 1000.0;
    }
  }
}
