package dev.forecourt.platform.housekeeping;

import dev.forecourt.platform.audit.AuditTrail;
import dev.forecourt.platform.events.EventSettings;
import dev.forecourt.platform.events.Outbox;
import dev.forecourt.platform.idempotency.IdempotencyRecords;
import dev.forecourt.platform.timers.OncePerCluster;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Periodic clean-up, every {@code forecourt.housekeeping.interval} (PT1H) on every node: audit
 * records older than {@code forecourt.audit.retention} (P90D, behind a checkpoint) and remembered
 * idempotent answers older than {@code forecourt.idempotency.retention} (P1D), published outbox
 * events and processed-event records older than {@code forecourt.events.retention} (P7D), inbound
 * message ids past their timestamp tolerance (by integration, on {@link HousekeepingDue}). The
 * purges are safe to run on several nodes at once, and run on one node of a cluster at a time
 * ({@link OncePerCluster}). The retention values are read at each run.
 */
@Singleton
@Startup
@DependsOn("ConfigurationCheck")
public class Housekeeping {

  private static final Logger LOG = Logger.getLogger(Housekeeping.class.getName());

  @Resource TimerService timers;

  @EJB AuditTrail audit;

  @EJB IdempotencyRecords idempotency;

  @EJB Outbox outbox;

  @Inject Event<HousekeepingDue> due;

  @PostConstruct
  void schedule() {
    long every = HousekeepingSettings.INTERVAL.get().toMillis();
    timers.createIntervalTimer(every, every, new TimerConfig("forecourt-housekeeping", false));
  }

  @Timeout
  @OncePerCluster
  void run() {
    try {
      Duration retention = AuditTrail.retention();
      int purged = audit.purgeOlderThan(retention);
      if (purged > 0) {
        LOG.info(() -> "Audit retention purged " + purged + " records older than " + retention);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Audit retention purge failed; it runs again at the next interval", e);
    }
    try {
      idempotency.purgeOlderThan(HousekeepingSettings.IDEMPOTENCY_RETENTION.get());
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Purge of idempotency records failed; it runs again at the next interval",
          e);
    }
    try {
      outbox.purgeOlderThan(EventSettings.RETENTION.get());
      due.fire(new HousekeepingDue());
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Purge of published events and inbound message ids failed; it runs again at the next interval",
          e);
    }
  }
}
