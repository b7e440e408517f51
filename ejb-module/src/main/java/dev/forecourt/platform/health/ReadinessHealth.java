package dev.forecourt.platform.health;

import dev.forecourt.platform.maintenance.MaintenanceReadiness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /health/ready}: one named check per {@link ReadinessCheck}, each answering the
 * {@link ReadinessProbe}'s last result (no I/O in the health request).
 */
@ApplicationScoped
public class ReadinessHealth {

  /** The name of the authentication check (its probe belongs to identity). */
  public static final String AUTHENTICATION = "authentication";

  @Inject ReadinessProbe probe;

  @Produces
  @Readiness
  HealthCheck database() {
    return () -> probe.response(DatabaseReadiness.NAME);
  }

  @Produces
  @Readiness
  HealthCheck jobQueues() {
    return () -> probe.response(JobQueueReadiness.NAME);
  }

  @Produces
  @Readiness
  HealthCheck authentication() {
    return () -> probe.response(AUTHENTICATION);
  }

  /** Always UP (a node in maintenance still serves reads), with the switch in its data. */
  @Produces
  @Readiness
  HealthCheck maintenance() {
    return () -> probe.response(MaintenanceReadiness.NAME);
  }
}
