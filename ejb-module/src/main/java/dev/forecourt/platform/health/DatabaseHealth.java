package dev.forecourt.platform.health;

import dev.forecourt.platform.persistence.SchemaMigration;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;

/** Ready when the database answers within 2 s and every migration has run. */
@Readiness
@Startup
@ApplicationScoped
public class DatabaseHealth implements HealthCheck {

  @Resource(lookup = "jdbc/forecourt")
  DataSource dataSource;

  @Inject SchemaMigration migration;

  @Override
  public HealthCheckResponse call() {
    boolean reachable;
    try (Connection connection = dataSource.getConnection()) {
      reachable = connection.isValid(2);
    } catch (SQLException e) {
      reachable = false;
    }
    boolean migrated = migration.isComplete();
    return HealthCheckResponse.named("database")
        .status(reachable && migrated)
        .withData("reachable", reachable)
        .withData("migrated", migrated)
        .withData("schemaVersion", String.valueOf(migration.schemaVersion()))
        .build();
  }
}
