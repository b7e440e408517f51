package dev.forecourt.platform.sla;

import dev.forecourt.platform.config.Settings;
import dev.forecourt.platform.metrics.Meters;
import dev.forecourt.platform.observability.Sampled;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The SLA monitor's figures as application gauges, for Prometheus and its alert rules: per window
 * ({@code window="objective"}: the sliding window the objectives are judged over; {@code "1h"})
 * {@code forecourt_sla_availability_ratio}, {@code forecourt_sla_error_ratio}, {@code
 * forecourt_sla_latency_p99_seconds}; per objective {@code forecourt_sla_breached} (1 while this
 * node has an open incident); {@code forecourt_sla_error_budget_remaining_ratio} (30 days, every
 * node).
 */
@Singleton
@Startup
public class SlaMetrics {

  private static final Duration SCRAPE = Duration.ofSeconds(1);

  @Inject Meters meters;

  @Inject SlaMeasurements measurements;

  @Inject ErrorBudget budget;

  @EJB SlaMonitor monitor;

  @Inject Settings settings;

  @PostConstruct
  void register() {
    window("objective", () -> settings.get(SlaSettings.WINDOW));
    window("1h", () -> Duration.ofHours(1));
    for (Objective objective : Objective.values()) {
      meters.gauge(
          "forecourt.sla.breached",
          "1 while this node has an open incident of the objective",
          () -> monitor.breached(objective) ? 1 : 0,
          Meters.tag("objective", objective.wireName()));
    }
    meters.gauge(
        "forecourt.sla.error.budget.remaining.ratio",
        "Share of the 30-day error budget (server errors the availability objective allows,"
            + " all nodes) not spent yet",
        () -> {
          ErrorBudget.Snapshot s = budget.current();
          return s == null ? Double.NaN : s.remaining();
        });
  }

  private void window(String name, Supplier<Duration> length) {
    // the three gauges of a window are read together at each scrape: one sum of the window serves
    Sampled<SlaMeasurements.Window> window =
        new Sampled<>(
            "The SLA window " + name,
            SCRAPE,
            Clock.systemUTC(),
            () -> measurements.window(length.get()));
    gauge(
        "forecourt.sla.availability.ratio",
        "Share of readiness checks that found this node ready",
        name,
        window,
        SlaMeasurements.Window::availability);
    gauge(
        "forecourt.sla.error.ratio",
        "Share of this node's API answers that were server errors (5xx)",
        name,
        window,
        SlaMeasurements.Window::errorRate);
    gauge(
        "forecourt.sla.latency.p99.seconds",
        "99th percentile of this node's API answers' latency (bucket upper bound)",
        name,
        window,
        SlaMeasurements.Window::p99Seconds);
  }

  private void gauge(
      String metric,
      String description,
      String name,
      Sampled<SlaMeasurements.Window> window,
      ToDoubleFunction<SlaMeasurements.Window> value) {
    meters.gauge(
        metric, description, () -> value.applyAsDouble(window.get()), Meters.tag("window", name));
  }
}
