package dev.forecourt.platform.health;

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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Readiness that tells the truth, answered fast: every {@link ReadinessCheck} (database, job
 * queues, authentication end to end, …) is probed in the background every
 * {@code forecourt.health.probe-interval} (PT2S) on the server's managed scheduled executor, and
 * {@code /health/ready} reports the last results — one named check each — without doing any I/O
 * itself. Results older than {@code forecourt.health.max-age} (PT5S: a probe hangs, the executor
 * is starved) count as DOWN, so a hung dependency turns readiness DOWN within that time. Before the
 * first probe has run, everything is DOWN.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ReadinessProbe {

  private static final Logger LOG = Logger.getLogger(ReadinessProbe.class.getName());

  @Inject @Any Instance<ReadinessCheck> checks;
  @Inject StartupPhases phases;

  @Resource ManagedScheduledExecutorService scheduler;

  @Inject
  @ConfigProperty(name = "forecourt.health.probe-interval", defaultValue = "PT2S")
  Duration interval;

  @Inject
  @ConfigProperty(name = "forecourt.health.max-age", defaultValue = "PT5S")
  Duration maxAge;

  private final Clock clock = Clock.systemUTC();
  private volatile Snapshot last = new Snapshot(Map.of(), Instant.EPOCH);
  private volatile ScheduledFuture<?> task;

  private record Snapshot(Map<String, ReadinessCheck.Result> results, Instant at) {}

  @PostConstruct
  void start() {
    task = scheduler.scheduleWithFixedDelay(this::probeAll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
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
      ReadinessCheck.Result before = last.results().get(check.name());
      if (before != null && before.up() != result.up()) {
        ReadinessCheck.Result now = result;
        LOG.log(result.up() ? Level.INFO : Level.WARNING,
            () -> "Readiness of " + check.name() + ": " + (now.up() ? "UP" : "DOWN " + now.data()));
      }
      results.put(check.name(), result);
    }
    last = new Snapshot(Map.copyOf(results), clock.instant());
    phases.completed(StartupPhases.FIRST_PROBE);
  }

  /** The last result of the named check, DOWN when missing or stale. */
  public HealthCheckResponse response(String name) {
    Snapshot s = last;
    HealthCheckResponseBuilder builder = HealthCheckResponse.named(name);
    ReadinessCheck.Result result = s.results().get(name);
    Duration age = Duration.between(s.at(), clock.instant());
    if (result == null) {
      return builder.down().withData("reason", "not probed yet").build();
    }
    if (age.compareTo(maxAge) > 0) {
      return builder.down().withData("reason", "no probe result for " + age.toSeconds() + " s").build();
    }
    result.data().forEach((k, v) -> {
      if (v instanceof Number n) {
        builder.withData(k, n.longValue());
      } else if (v instanceof Boolean b) {
        builder.withData(k, b);
      } else {
        builder.withData(k, String.valueOf(v));
      }
    });
    return builder.status(result.up()).withData("probedMillisAgo", age.toMillis()).build();
  }

}
