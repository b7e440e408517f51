package dev.forecourt.platform.sla;

import dev.forecourt.platform.config.Settings;
import dev.forecourt.platform.observability.Sampled;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The 30-day error budget of the whole cluster: of the answers of every node in the last 30 days
 * (the stored minutes), the availability objective allows {@code (1 - objective) * answers} server
 * errors; {@code remaining} is the share of that allowance not spent yet (negative: overspent).
 * Computed from the database at most once a minute per node.
 */
@ApplicationScoped
public class ErrorBudget {

  private static final Duration PERIOD = Duration.ofDays(30);
  private static final Duration REFRESH = Duration.ofMinutes(1);

  @EJB SlaRecords records;

  @Inject Settings settings;

  private final Clock clock = Clock.systemUTC();
  private final Sampled<Snapshot> sampled =
      new Sampled<>("The error budget", REFRESH, clock, this::compute);

  /** The budget over {@code period}: answers, server errors, errors allowed, share remaining. */
  public record Snapshot(
      Duration period,
      long answers,
      long errors,
      double allowed,
      double remaining,
      Instant computedAt) {}

  /** The budget as of at most a minute ago; null while the database does not answer. */
  public Snapshot current() {
    return sampled.get();
  }

  private Snapshot compute() {
    Instant now = clock.instant();
    long[] sums = records.answersAndErrorsSince(now.minus(PERIOD));
    double allowed = (1 - settings.get(SlaSettings.AVAILABILITY)) * sums[0];
    double remaining = allowed == 0 ? 1.0 : 1 - sums[1] / allowed;
    return new Snapshot(PERIOD, sums[0], sums[1], allowed, remaining, now);
  }
}
