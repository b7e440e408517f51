package dev.forecourt.platform.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live while the JVM has head-room: fails when less than 5 % of the maximum heap is free after use.
 *
 * <p>In the EAR's {@code lib/}: WildFly's MP Health finds an EAR's checks only there (its one CDI
 * extension per EAR selects them with a bean manager that sees {@code lib/} but neither module);
 * Payara finds them anywhere.
 */
@Liveness
@ApplicationScoped
public class ApplicationLiveness implements HealthCheck {

  @Override
  public HealthCheckResponse call() {
    Runtime rt = Runtime.getRuntime();
    long used = rt.totalMemory() - rt.freeMemory();
    long max = rt.maxMemory();
    return HealthCheckResponse.named("heap")
        .status(used < max * 0.95)
        .withData("usedBytes", used)
        .withData("maxBytes", max)
        .build();
  }
}
