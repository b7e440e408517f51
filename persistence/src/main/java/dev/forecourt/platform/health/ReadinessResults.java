package dev.forecourt.platform.health;

import dev.forecourt.platform.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * The last results of the {@link ReadinessProbe}, as {@code /health/ready} answers them. A plain
 * CDI bean, not an EJB: Payara's health endpoint calls the checks from its own web application, and
 * a health request that arrived while the application was still starting must never be the one that
 * initializes its start-up singletons (it did: {@code SchemaMigration} then failed for good with
 * "Application Client class … must be declared static"). Results older than {@code
 * forecourt.health.max-age} (PT5S: a probe hangs, the executor is starved) count as DOWN. Before
 * the first probe, everything is DOWN.
 */
@ApplicationScoped
public class ReadinessResults {

  @Inject Settings settings;

  private final Clock clock = Clock.systemUTC();
  private volatile Snapshot last = new Snapshot(Map.of(), Instant.EPOCH);

  private record Snapshot(Map<String, ReadinessCheck.Result> results, Instant at) {}

  /** Stores the results of one probe of every check. */
  public void record(Map<String, ReadinessCheck.Result> results) {
    last = new Snapshot(Map.copyOf(results), clock.instant());
  }

  /** The last result of the named check, null before its first probe. */
  public ReadinessCheck.Result last(String name) {
    return last.results().get(name);
  }

  /** Whether the last probe found every check UP, and is not stale (false before the first). */
  public boolean allUp() {
    Snapshot s = last;
    return !s.results().isEmpty()
        && Duration.between(s.at(), clock.instant()).compareTo(settings.get(HealthSettings.MAX_AGE))
            <= 0
        && s.results().values().stream().allMatch(ReadinessCheck.Result::up);
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
    if (age.compareTo(settings.get(HealthSettings.MAX_AGE)) > 0) {
      return builder
          .down()
          .withData("reason", "no probe result for " + age.toSeconds() + " s")
          .build();
    }
    result
        .data()
        .forEach(
            (k, v) -> {
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
