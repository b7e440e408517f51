package dev.forecourt.platform.maintenance;

import dev.forecourt.platform.health.ReadinessCheck;
import dev.forecourt.platform.health.ReadinessHealth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * The maintenance switch in {@code /health} and {@code /health/ready}: always UP (a node in
 * maintenance still serves reads, so load balancers keep it), with {@code active}, {@code message}
 * and {@code since} (ISO-8601) in its data.
 */
@ApplicationScoped
public class MaintenanceReadiness implements ReadinessCheck {

  public static final String NAME = ReadinessHealth.MAINTENANCE;

  @Inject MaintenanceMode mode;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Result probe() {
    MaintenanceStatus status = mode.current();
    return Result.up(
        Map.of(
            "active", status.active(),
            "message", status.message() == null ? "" : status.message(),
            "since", status.since() == null ? "" : status.since().toString()));
  }
}
