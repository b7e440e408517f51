package dev.forecourt.platform.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Startup;

/**
 * {@code /health/started}: the application's start-up phases, in order — schema migrations, token
 * signing keys, demo data (done at once when not requested), the first readiness probe. Each
 * start-up bean reports its phase when it has finished; started is UP when all have.
 */
@ApplicationScoped
public class StartupPhases {

  public static final String MIGRATIONS = "migrations";
  public static final String SIGNING_KEYS = "signingKeys";
  public static final String DEMO_DATA = "demoData";
  public static final String FIRST_PROBE = "firstReadinessProbe";
  private static final List<String> ORDER =
      List.of(MIGRATIONS, SIGNING_KEYS, DEMO_DATA, FIRST_PROBE);

  private final Map<String, Instant> done = new ConcurrentHashMap<>();

  /** Records that a phase has finished (the first time only). */
  public void completed(String phase) {
    done.putIfAbsent(phase, Instant.now());
  }

  /** {@code /health/started}: UP once every phase has finished, with each phase's time. */
  @Produces
  @Startup
  HealthCheck startup() {
    return this::response;
  }

  private HealthCheckResponse response() {
    HealthCheckResponseBuilder builder = HealthCheckResponse.named("startup");
    ORDER.forEach(
        phase ->
            builder.withData(
                phase, done.containsKey(phase) ? "done " + done.get(phase) : "pending"));
    return builder.status(done.keySet().containsAll(ORDER)).build();
  }
}
