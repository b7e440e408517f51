package dev.forecourt.platform.sla;

import java.time.Duration;

/**
 * The three service-level objectives and how a window is judged against each. A window with too few
 * answers leaves the latency and error-rate objectives unjudged (a single slow answer of two is no
 * breach), as does a window without a readiness check the availability objective.
 */
public enum Objective {
  /** The share of readiness checks that found the node ready is at least the objective. */
  AVAILABILITY("availability"),
  /** The 99th percentile of the answers' latency is at most the objective (in seconds). */
  LATENCY("latency"),
  /** The share of server errors (5xx) among the answers is at most the objective. */
  ERROR_RATE("error-rate");

  private final String wireName;

  Objective(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** The objectives in force: thresholds and the window's minimum of answers. */
  public record Targets(
      double availability, Duration latency, double errorRate, Duration window, int minRequests) {}

  /** One objective judged over one window. {@code breached} is null when it was not judged. */
  public record Judgement(
      Objective objective, double threshold, double measured, Boolean breached) {

    public String status() {
      return breached == null ? "unjudged" : breached ? "breached" : "met";
    }
  }

  public Judgement judge(SlaMeasurements.Window window, Targets targets) {
    boolean enough = window.requests() >= targets.minRequests();
    return switch (this) {
      case AVAILABILITY ->
          new Judgement(
              this,
              targets.availability(),
              window.availability(),
              window.checks() == 0 ? null : window.availability() < targets.availability());
      case LATENCY ->
          // breached exactly when more than 1 % of the answers were slower than the objective;
          // the measure shown is the 99th percentile's bucket bound
          new Judgement(
              this,
              targets.latency().toMillis() / 1000.0,
              window.p99Seconds(),
              enough ? (Boolean) (window.slowRate() > 0.01) : null);
      case ERROR_RATE ->
          new Judgement(
              this,
              targets.errorRate(),
              window.errorRate(),
              enough ? (Boolean) (window.errorRate() > targets.errorRate()) : null);
    };
  }
}
