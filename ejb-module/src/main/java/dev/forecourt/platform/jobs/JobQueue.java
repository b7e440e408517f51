package dev.forecourt.platform.jobs;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Forecourt's job queues (JNDI names of the server's JMS resources) and their redelivery policy:
 * {@code forecourt.<queue>.redelivery.limit} attempts in all, the n-th retry after
 * {@code forecourt.<queue>.redelivery.delay} × 2^(n-1) ± 20 % (capped at
 * {@code forecourt.jobs.redelivery.max-delay}); read at each failure, so an operator's change applies
 * at once.
 */
public enum JobQueue {
  EVENTS("events", 5, "PT5S"),
  WEBHOOKS("webhooks", 8, "PT30S");

  /** JNDI names of the server's JMS resources (constants: message-driven beans name them in annotations). */
  public static final String CONNECTION_FACTORY = "jms/forecourt/connectionFactory";
  public static final String EVENTS_QUEUE = "jms/forecourt/events";
  public static final String WEBHOOKS_QUEUE = "jms/forecourt/webhooks";
  public static final String DEAD_LETTERS = "jms/forecourt/deadLetters";
  static final String MAX_DELAY_KEY = "forecourt.jobs.redelivery.max-delay";

  private final String id;
  private final int defaultLimit;
  private final String defaultDelay;

  JobQueue(String id, int defaultLimit, String defaultDelay) {
    this.id = id;
    this.defaultLimit = defaultLimit;
    this.defaultDelay = defaultDelay;
  }

  public String id() {
    return id;
  }

  public String limitKey() {
    return "forecourt." + id + ".redelivery.limit";
  }

  public String delayKey() {
    return "forecourt." + id + ".redelivery.delay";
  }

  /** How many attempts a job gets in all before it is dead-lettered. */
  public int limit() {
    return ConfigProvider.getConfig().getOptionalValue(limitKey(), Integer.class).orElse(defaultLimit);
  }

  /** The delay before attempt {@code failedAttempt + 1}: exponential, with ±20 % jitter. */
  public Duration delayAfter(int failedAttempt, double random) {
    Config config = ConfigProvider.getConfig();
    Duration base = Duration.parse(config.getOptionalValue(delayKey(), String.class).orElse(defaultDelay));
    Duration max = Duration.parse(config.getOptionalValue(MAX_DELAY_KEY, String.class).orElse("PT1H"));
    return backoff(base, max, failedAttempt, random);
  }

  /** {@code base} × 2^(failedAttempt-1) × (0.8 + 0.4 × random), at most {@code max}. */
  static Duration backoff(Duration base, Duration max, int failedAttempt, double random) {
    double factor = Math.pow(2, Math.min(Math.max(failedAttempt, 1) - 1, 30)) * (0.8 + 0.4 * random);
    long millis = (long) Math.min(base.toMillis() * factor, max.toMillis());
    return Duration.ofMillis(Math.max(millis, 0));
  }

  public static Optional<JobQueue> of(String id) {
    return Arrays.stream(values()).filter(q -> q.id.equals(id)).findFirst();
  }
}
