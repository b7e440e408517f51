package dev.forecourt.platform.events;

import dev.forecourt.platform.jobs.JobQueue;
import dev.forecourt.platform.jobs.Jobs;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * What waits to be done, as gauges: {@code forecourt_outbox_pending} (events not sent to the event
 * queue yet) and {@code forecourt_outbox_lag_seconds} (the age of the oldest of them: 0 when none
 * waits; it grows while the broker or the relay is stuck), {@code forecourt_jobs_waiting{queue}}
 * (jobs in the events and webhooks queues and in the dead letter queue, {@code
 * queue="dead-letters"}, counted up to {@value #CAP}). Read at most every {@link #FRESH} (a scrape
 * of every node must not become a load on the database or the broker); NaN while they cannot be
 * read.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BacklogMetrics {

  static final int CAP = 10_000;
  private static final Duration FRESH = Duration.ofSeconds(10);
  private static final Logger LOG = Logger.getLogger(BacklogMetrics.class.getName());

  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry registry;

  @EJB Outbox outbox;

  @Inject Jobs jobs;

  private final Clock clock = Clock.systemUTC();

  @PostConstruct
  void register() {
    Cached<Outbox.Backlog> backlog = new Cached<>(outbox::backlog);
    registry.gauge(
        Metadata.builder()
            .withName("forecourt.outbox.pending")
            .withDescription("Domain events not sent to the event queue yet")
            .build(),
        () -> backlog.map(b -> (double) b.pending()));
    registry.gauge(
        Metadata.builder()
            .withName("forecourt.outbox.lag.seconds")
            .withDescription("Age of the oldest domain event not sent yet (0: none waits)")
            .build(),
        () ->
            backlog.map(
                b ->
                    b.oldest() == null
                        ? 0.0
                        : Math.max(0, Duration.between(b.oldest(), clock.instant()).toMillis())
                            / 1000.0));
    for (JobQueue queue : JobQueue.values()) {
      waiting(queue.id(), () -> jobs.waiting(queue, CAP));
    }
    waiting("dead-letters", () -> jobs.waiting(null, CAP));
  }

  private void waiting(String queue, Supplier<Integer> count) {
    Cached<Integer> cached = new Cached<>(count);
    registry.gauge(
        Metadata.builder()
            .withName("forecourt.jobs.waiting")
            .withDescription("Jobs waiting in the queue (counted up to " + CAP + ")")
            .build(),
        () -> cached.map(Integer::doubleValue),
        new Tag("queue", queue));
  }

  /** A value read at most every {@link #FRESH}; NaN while it cannot be read. */
  private final class Cached<T> {
    private final Supplier<T> read;
    private volatile T value;
    private volatile Instant at = Instant.EPOCH;
    private volatile boolean failed;

    Cached(Supplier<T> read) {
      this.read = read;
    }

    Double map(java.util.function.Function<T, Double> gauge) {
      Instant now = clock.instant();
      if (now.isAfter(at.plus(FRESH))) {
        at = now;
        try {
          value = read.get();
          failed = false;
        } catch (RuntimeException e) {
          value = null;
          if (!failed) {
            LOG.log(Level.FINE, "A backlog gauge cannot be read", e);
          }
          failed = true;
        }
      }
      T v = value;
      return v == null ? Double.NaN : gauge.apply(v);
    }
  }
}
