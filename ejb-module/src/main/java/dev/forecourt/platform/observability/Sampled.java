package dev.forecourt.platform.observability;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A figure read from a costly source (the database, the broker) at most once per period, for gauges
 * and reports that are read far more often (every node scraped every few seconds): the last reading
 * is kept and handed out until the period has passed. A failed reading gives null (unknown: a gauge
 * shows NaN) until the next reading, which is not attempted before the period has passed either, so
 * a source that is down is not asked again on every scrape.
 *
 * @param <T> the reading
 */
public final class Sampled<T> {

  private static final Logger LOG = Logger.getLogger(Sampled.class.getName());

  private final Supplier<T> read;
  private final Duration period;
  private final Clock clock;
  private final String what;
  private volatile T value;
  private volatile Instant at;
  private volatile boolean failed;

  /**
   * @param what what is read, for the log line of a failure
   */
  public Sampled(String what, Duration period, Clock clock, Supplier<T> read) {
    this.what = what;
    this.period = period;
    this.clock = clock;
    this.read = read;
  }

  /** The last reading, read again first when the period has passed; null when it failed. */
  public T get() {
    Instant now = clock.instant();
    Instant last = at;
    if (last == null || !now.isBefore(last.plus(period))) {
      at = now;
      try {
        value = read.get();
        failed = false;
      } catch (RuntimeException e) {
        value = null;
        if (!failed) { // once per outage, not at every reading
          LOG.log(Level.FINE, what + " cannot be read", e);
        }
        failed = true;
      }
    }
    return value;
  }
}
