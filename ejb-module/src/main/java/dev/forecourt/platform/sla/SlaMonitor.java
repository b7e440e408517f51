package dev.forecourt.platform.sla;

import dev.forecourt.platform.cache.ApplicationCaches;
import dev.forecourt.platform.config.Settings;
import dev.forecourt.platform.health.Drain;
import dev.forecourt.platform.health.ReadinessResults;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The SLA monitor of this node. Every {@link #EVERY} it counts a readiness check, judges the three
 * {@link Objective}s over the sliding window ({@code forecourt.sla.window}, PT5M) of this node's
 * own measurements ({@link SlaMeasurements}), opens an incident when one is breached (alert {@code
 * sla.violated}) and closes it when the objective is met again at two runs in a row ({@code
 * sla.recovered}); it stores each completed minute's sums for the 30-day error budget. The settings
 * are read at each run. A node judges its own answers: in a cluster each node alerts for itself,
 * and says which it is. When the database is unreachable the incidents wait: they are opened or
 * closed at the first run after it returns (the measurements meanwhile are in memory), and the
 * minutes of that time are stored then, up to an hour back.
 */
@Singleton
@Startup
@DependsOn("ConfigurationCheck")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SlaMonitor {

  static final Duration EVERY = Duration.ofSeconds(5);
  private static final int MET_TO_RECOVER = 2;
  private static final Duration MINUTES_KEPT = Duration.ofDays(31);
  private static final Logger LOG = Logger.getLogger(SlaMonitor.class.getName());

  @Resource TimerService timers;

  @EJB SlaRecords records;

  @Inject SlaMeasurements measurements;

  @Inject ReadinessResults readiness;

  @Inject Settings settings;

  @Inject Drain drain;

  private final Clock clock = Clock.systemUTC();

  /** The open incident of each breached objective on this node (null: not read yet). */
  private volatile Map<String, String> open;

  private final ReentrantLock running = new ReentrantLock();
  private long lastMinuteStored;
  private boolean failing;
  private boolean beenReady;
  private final Map<Objective, Integer> metInARow = new EnumMap<>(Objective.class);

  @PostConstruct
  void schedule() {
    lastMinuteStored = clock.millis() / 60_000 - 1;
    timers.createIntervalTimer(
        EVERY.toMillis(), EVERY.toMillis(), new TimerConfig("forecourt-sla-monitor", false));
  }

  @Timeout
  void run() {
    // a run that outlasts the interval (a slow database) is not overlapped by the next one
    if (!running.tryLock()) {
      return;
    }
    try {
      judgeAndRecord();
    } finally {
      running.unlock();
    }
  }

  private void judgeAndRecord() {
    Objective.Targets targets = SlaSettings.targets(settings);
    measurements.latencyObjective(targets.latency());
    // availability counts from the node's first ready moment (starting is not being unavailable)
    // and not while it drains for a planned stop (the load balancer sends it nothing then)
    boolean ready = readiness.allUp();
    if (ready) {
      beenReady = true;
    }
    if (beenReady && !drain.draining() && !drain.stopping()) {
      measurements.check(ready);
    }
    SlaMeasurements.Window window = measurements.window(targets.window());
    Map<Objective, Objective.Judgement> judged = new EnumMap<>(Objective.class);
    for (Objective objective : Objective.values()) {
      judged.put(objective, objective.judge(window, targets));
    }
    try {
      if (open == null) {
        open = new ConcurrentHashMap<>(records.openOn(ApplicationCaches.nodeName()));
      }
      for (Objective.Judgement j : judged.values()) {
        String incident = open.get(j.objective().wireName());
        if (Boolean.TRUE.equals(j.breached()) && incident == null) {
          String id = records.open(j, ApplicationCaches.nodeName(), window.length().toSeconds());
          open.put(j.objective().wireName(), id);
          LOG.warning(
              () ->
                  "SLA objective "
                      + j.objective().wireName()
                      + " breached over "
                      + window.length()
                      + ": "
                      + j.measured()
                      + " (objective "
                      + j.threshold()
                      + "), incident "
                      + id);
        } else if (Boolean.FALSE.equals(j.breached()) && incident != null) {
          // closed when met at two evaluations in a row: a measure hovering at the threshold
          // does not open and close incidents in turn
          int streak = metInARow.merge(j.objective(), 1, Integer::sum);
          if (streak >= MET_TO_RECOVER) {
            records.close(incident, j.measured());
            open.remove(j.objective().wireName());
            metInARow.remove(j.objective());
            LOG.info(() -> "SLA objective " + j.objective().wireName() + " met again: " + incident);
          }
        }
        if (!Boolean.FALSE.equals(j.breached())) {
          metInARow.remove(j.objective());
        }
      }
      storeMinutes();
      if (failing) {
        LOG.info("SLA monitor: the database answers again; incidents and minutes are up to date");
        failing = false;
      }
    } catch (RuntimeException e) {
      if (!failing) {
        LOG.log(
            Level.WARNING,
            "SLA monitor cannot reach the database; it retries every " + EVERY.toSeconds() + " s",
            e);
        failing = true;
      }
    }
  }

  /** The completed minutes not stored yet (at most the last hour's), and once an hour a purge. */
  private void storeMinutes() {
    long current = clock.millis() / 60_000;
    long from = Math.max(lastMinuteStored + 1, current - SlaMeasurements.SECONDS / 60 + 1);
    for (long minute = from; minute < current; minute++) {
      SlaMeasurements.Window sums = measurements.between(minute * 60, minute * 60 + 59);
      if (sums.requests() > 0) {
        records.saveMinute(
            new SlaMinute(
                ApplicationCaches.nodeName(),
                Instant.ofEpochSecond(minute * 60),
                sums.requests(),
                sums.errors(),
                sums.slow()));
      }
      lastMinuteStored = minute;
      if (minute % 60 == 0) {
        records.purgeMinutesBefore(clock.instant().minus(MINUTES_KEPT));
      }
    }
  }

  /** Whether this node has an open incident for {@code objective}. */
  public boolean breached(Objective objective) {
    Map<String, String> o = open;
    return o != null && o.containsKey(objective.wireName());
  }
}
