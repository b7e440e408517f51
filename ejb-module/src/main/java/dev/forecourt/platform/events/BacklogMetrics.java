package dev.forecourt.platform.events;

import dev.forecourt.platform.jobs.JobQueue;
import dev.forecourt.platform.jobs.Jobs;
import dev.forecourt.platform.metrics.Meters;
import dev.forecourt.platform.observability.Sampled;
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
import java.util.function.Function;
import java.util.function.Supplier;

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

  @Inject Meters meters;

  @EJB Outbox outbox;

  @Inject Jobs jobs;

  private final Clock clock = Clock.systemUTC();

  @PostConstruct
  void register() {
    Sampled<Outbox.Backlog> backlog = sampled("The outbox backlog", outbox::backlog);
    meters.gauge(
        "forecourt.outbox.pending",
        "Domain events not sent to the event queue yet",
        () -> gauge(backlog, b -> (double) b.pending()));
    meters.gauge(
        "forecourt.outbox.lag.seconds",
        "Age of the oldest domain event not sent yet (0: none waits)",
        () ->
            gauge(
                backlog,
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
    Sampled<Integer> cached = sampled("The jobs waiting in " + queue, count);
    meters.gauge(
        "forecourt.jobs.waiting",
        "Jobs waiting in the queue (counted up to " + CAP + ")",
        () -> gauge(cached, Integer::doubleValue),
        Meters.tag("queue", queue));
  }

  private <T> Sampled<T> sampled(String what, Supplier<T> read) {
    return new Sampled<>(what, FRESH, clock, read);
  }

  private static <T> double gauge(Sampled<T> sampled, Function<T, Double> value) {
    T v = sampled.get();
    return v == null ? Double.NaN : value.apply(v);
  }
}
