package dev.forecourt.platform.sla;

import dev.forecourt.platform.cache.ApplicationCaches;
import dev.forecourt.platform.config.Settings;
import dev.forecourt.platform.security.Role;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The SLA as admins see it ({@code GET /api/v1/admin/sla}): the objectives, this node's figures
 * over the objectives' window and over the last hour with each objective's state, the cluster's
 * 30-day error budget and the latest incidents of every node.
 */
@Stateless
@DeclareRoles(Role.ADMIN_NAME)
@RolesAllowed(Role.ADMIN_NAME)
public class SlaReport {

  static final int INCIDENTS_LISTED = 20;

  @Inject SlaMeasurements measurements;

  @Inject ErrorBudget budget;

  @Inject Settings settings;

  @EJB SlaRecords records;

  /** The objectives in force. */
  public record Objectives(double availability, double latencySeconds, double errorRate) {}

  /** One objective's state over a window: met, breached or unjudged (too few answers). */
  public record ObjectiveState(
      String objective, double threshold, double measured, String status) {}

  /** This node's figures over one window. */
  public record WindowView(
      String window,
      long answers,
      long serverErrors,
      long slowerThanObjective,
      double availability,
      double errorRate,
      double p99Seconds,
      List<ObjectiveState> objectives) {}

  /** The 30-day error budget of every node (null figures before the database answered). */
  public record BudgetView(
      String period, Long answers, Long serverErrors, Double allowed, Double remaining) {}

  /** An incident: an objective breached on a node from {@code startedAt} until {@code endedAt}. */
  public record IncidentView(
      String id,
      String objective,
      String node,
      long windowSeconds,
      double threshold,
      double measured,
      Instant startedAt,
      Instant endedAt,
      Double recoveredMeasure) {}

  public record SlaView(
      String node,
      Objectives objectives,
      List<WindowView> windows,
      BudgetView errorBudget,
      List<IncidentView> incidents) {}

  public SlaView report() {
    Objective.Targets targets = SlaSettings.targets(settings);
    List<WindowView> windows =
        List.of(view(targets.window(), targets), view(Duration.ofHours(1), targets));
    ErrorBudget.Snapshot b = budget.current();
    BudgetView budgetView =
        b == null
            ? new BudgetView("P30D", null, null, null, null)
            : new BudgetView("P30D", b.answers(), b.errors(), b.allowed(), b.remaining());
    List<IncidentView> incidents =
        records.latest(INCIDENTS_LISTED).stream()
            .map(
                i ->
                    new IncidentView(
                        i.id(),
                        i.objective(),
                        i.node(),
                        i.windowSeconds(),
                        i.threshold(),
                        i.measured(),
                        i.startedAt(),
                        i.endedAt(),
                        i.recoveredMeasure()))
            .toList();
    return new SlaView(
        ApplicationCaches.nodeName(),
        new Objectives(
            targets.availability(), targets.latency().toMillis() / 1000.0, targets.errorRate()),
        windows,
        budgetView,
        incidents);
  }

  private WindowView view(Duration length, Objective.Targets targets) {
    SlaMeasurements.Window w = measurements.window(length);
    List<ObjectiveState> states =
        Arrays.stream(Objective.values())
            .map(o -> o.judge(w, targets))
            .map(
                j ->
                    new ObjectiveState(
                        j.objective().wireName(), j.threshold(), j.measured(), j.status()))
            .toList();
    return new WindowView(
        w.length().toString(),
        w.requests(),
        w.errors(),
        w.slow(),
        w.availability(),
        w.errorRate(),
        w.p99Seconds(),
        states);
  }
}
