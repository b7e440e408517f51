package dev.forecourt.platform.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /health/ready}: one named check per {@link ReadinessCheck}, each answering the {@link
 * ReadinessProbe}'s last result as {@link ReadinessResults} keeps it (no I/O, no EJB call in the
 * health request).
 */
@ApplicationScoped
public class ReadinessHealth {

  /** The name of the database check (its probe: the ejb-module's {@code DatabaseReadiness}). */
  public static final String DATABASE = "database";

  /** The name of the job queues' check (its probe: {@code JobQueueReadiness}). */
  public static final String JOB_QUEUES = "jobQueues";

  /** The name of the authentication check (its probe belongs to identity). */
  public static final String AUTHENTICATION = "authentication";

  /** The name of the maintenance check (its probe: {@code MaintenanceReadiness}). */
  public static final String MAINTENANCE = "maintenance";

  /** The name of the drain check: DOWN from the moment the node begins to drain. */
  public static final String DRAINING = "draining";

  @Inject ReadinessResults probe;

  @Inject Drain drain;

  @Produces
  @Readiness
  HealthCheck database() {
    return () -> probe.response(DATABASE);
  }

  @Produces
  @Readiness
  HealthCheck jobQueues() {
    return () -> probe.response(JOB_QUEUES);
  }

  @Produces
  @Readiness
  HealthCheck authentication() {
    return () -> probe.response(AUTHENTICATION);
  }

  /**
   * Read at each health request (no probe delay): a draining node leaves the load balancer at once.
   */
  @Produces
  @Readiness
  HealthCheck draining() {
    return () -> {
      HealthCheckResponseBuilder check =
          HealthCheckResponse.named(DRAINING).withData("inFlight", drain.inFlight());
      return drain.draining()
          ? check.down().withData("stopping", drain.stopping()).build()
          : check.up().build();
    };
  }

  /** Always UP (a node in maintenance still serves reads), with the switch in its data. */
  @Produces
  @Readiness
  HealthCheck maintenance() {
    return () -> probe.response(MAINTENANCE);
  }
}
