package dev.forecourt.platform.sla;

import dev.forecourt.platform.config.Settings;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

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
  private static final Logger LOG = Logger.getLogger(ErrorBudget.class.getName());

  @EJB SlaRecords records;

  @Inject Settings settings;

  private final Clock clock = Clock.systemUTC();
  private volatile Snapshot last;

  /** The budget over {@code period}: answers, server errors, errors allowed, share remaining. */
  public record Snapshot(
      Duration period,
      long answers,
      long errors,
      double allowed,
      double remaining,
      Instant computedAt) {}

  /** The budget as of at most a minute ago; null while the database has not answered yet. */
  public Snapshot current() {
    Snapshot s = last;
    Instant now = clock.instant();
    if (s == null || s.computedAt().plus(REFRESH).isBefore(now)) {
      try {
        long[] sums = records.answersAndErrorsSince(now.minus(PERIOD));
        double allowed = (1 - settings.get(SlaSettings.AVAILABILITY)) * sums[0];
        double remaining = allowed == 0 ? 1.0 : 1 - sums[1] / allowed;
        s = new Snapshot(PERIOD, sums[0], sums[1], allowed, remaining, now);
        last = s;
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "Error budget not computed: the database did not answer", e);
      }
    }
    return s;
  }
}
