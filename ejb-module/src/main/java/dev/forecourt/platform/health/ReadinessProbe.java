package dev.forecourt.platform.health;

import dev.forecourt.platform.config.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Readiness that tells the truth, answered fast: every {@link ReadinessCheck} (database, job
 * queues, authentication end to end, …) is probed in the background every {@code
 * forecourt.health.probe-interval} (PT2S) on the server's managed scheduled executor, and {@code
 * /health/ready} reports the last results — one named check each — without doing any I/O itself
 * ({@link ReadinessResults} keeps them; stale results count as DOWN, so a hung dependency turns
 * readiness DOWN within {@code forecourt.health.max-age}).
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ReadinessProbe {

  private static final Logger LOG = Logger.getLogger(ReadinessProbe.class.getName());

  @Inject @Any Instance<ReadinessCheck> checks;
  @Inject StartupPhases phases;
  @Inject Drain drain;

  @Resource ManagedScheduledExecutorService scheduler;

  @Inject Settings settings;

  @Inject ReadinessResults results;

  private volatile ScheduledFuture<?> task;

  @PostConstruct
  void start() {
    drain.clearRequest();
    long interval = settings.get(HealthSettings.PROBE_INTERVAL).toMillis();
    task = scheduler.scheduleWithFixedDelay(this::probeAll, 0, interval, TimeUnit.MILLISECONDS);
  }

  /**
   * The EJB module stops: the node drains first (if the web module has not already), so that the
   * requests in flight still find every bean they call.
   */
  @PreDestroy
  void stop() {
    drain.drain("the EJB module stops");
    ScheduledFuture<?> t = task;
    if (t != null) {
      t.cancel(false);
    }
  }

  /** Runs every check once, now (also used by tests and the background task). */
  public void probeAll() {
    Map<String, ReadinessCheck.Result> results = new LinkedHashMap<>();
    for (ReadinessCheck check : checks) {
      ReadinessCheck.Result result;
      try {
        result = check.probe();
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "Readiness check " + check.name() + " failed", e);
        result = ReadinessCheck.Result.down("the check failed: " + e.getClass().getSimpleName());
      }
      ReadinessCheck.Result before = this.results.last(check.name());
      if (before != null && before.up() != result.up()) {
        ReadinessCheck.Result now = result;
        LOG.log(
            result.up() ? Level.INFO : Level.WARNING,
            () -> "Readiness of " + check.name() + ": " + (now.up() ? "UP" : "DOWN " + now.data()));
      }
      results.put(check.name(), result);
    }
    this.results.record(results);
    phases.completed(StartupPhases.FIRST_PROBE);
  }
}
