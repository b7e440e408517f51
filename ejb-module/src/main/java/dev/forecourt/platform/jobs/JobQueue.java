package dev.forecourt.platform.jobs;

import dev.forecourt.platform.config.Setting;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * Forecourt's job queues (JNDI names of the server's JMS resources) and their redelivery policy:
 * {@code forecourt.<queue>.redelivery.limit} attempts in all, the n-th retry after {@code
 * forecourt.<queue>.redelivery.delay} × 2^(n-1) ± 20 % (capped at {@code
 * forecourt.jobs.redelivery.max-delay}); read at each failure, so an operator's change applies at
 * once.
 */
public enum JobQueue {
  EVENTS("events", JobSettings.EVENTS_LIMIT, JobSettings.EVENTS_DELAY),
  WEBHOOKS("webhooks", JobSettings.WEBHOOKS_LIMIT, JobSettings.WEBHOOKS_DELAY);

  /**
   * JNDI names of the server's JMS resources (constants: message-driven beans name them in
   * annotations).
   */
  public static final String CONNECTION_FACTORY = "jms/forecourt/connectionFactory";

  public static final String EVENTS_QUEUE = "jms/forecourt/events";
  public static final String WEBHOOKS_QUEUE = "jms/forecourt/webhooks";
  public static final String DEAD_LETTERS = "jms/forecourt/deadLetters";

  private final String id;
  private final Setting<Integer> limit;
  private final Setting<Duration> delay;

  JobQueue(String id, Setting<Integer> limit, Setting<Duration> delay) {
    this.id = id;
    this.limit = limit;
    this.delay = delay;
  }

  public String id() {
    return id;
  }

  /** How many attempts a job gets in all before it is dead-lettered. */
  public int limit() {
    return limit.get();
  }

  /** The delay before attempt {@code failedAttempt + 1}: exponential, with ±20 % jitter. */
  public Duration delayAfter(int failedAttempt, double random) {
    return backoff(delay.get(), JobSettings.MAX_DELAY.get(), failedAttempt, random);
  }

  /** {@code base} × 2^(failedAttempt-1) × (0.8 + 0.4 × random), at most {@code max}. */
  static Duration backoff(Duration base, Duration max, int failedAttempt, double random) {
    double factor =
        Math.pow(2, Math.min(Math.max(failedAttempt, 1) - 1, 30)) * (0.8 + 0.4 * random);
    long millis = (long) Math.min(base.toMillis() * factor, max.toMillis());
    return Duration.ofMillis(Math.max(millis, 0));
  }

  public static Optional<JobQueue> of(String id) {
    return Arrays.stream(values()).filter(q -> q.id.equals(id)).findFirst();
  }
}
