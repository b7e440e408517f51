package dev.forecourt.platform.health;

import dev.forecourt.platform.persistence.SchemaState;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The database answers (a pooled connection validated within 2 s; the pool's own wait is bounded by
 * its {@code max-wait-time-in-millis}) and every migration has been applied.
 */
@ApplicationScoped
public class DatabaseReadiness implements ReadinessCheck {

  static final String NAME = ReadinessHealth.DATABASE;

  @Resource(lookup = "jdbc/forecourt")
  DataSource dataSource;

  @Inject SchemaState schema;

  private volatile boolean reachable = true;
  private volatile Instant lastAnswered = Instant.now();

  /**
   * When the database is known not to answer (its last probe failed), since when the data this node
   * serves from its caches may be behind the database: the last time it answered. Empty while it
   * answers.
   */
  public Optional<Instant> unreachableSince() {
    return reachable ? Optional.empty() : Optional.of(lastAnswered);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Result probe() {
    long begin = System.nanoTime();
    boolean reachable;
    try (Connection connection = dataSource.getConnection()) {
      reachable = connection.isValid(2);
    } catch (SQLException e) {
      reachable = false;
    }
    long millis = (System.nanoTime() - begin) / 1_000_000;
    if (reachable) {
      lastAnswered = Instant.now();
    }
    this.reachable = reachable;
    boolean migrated = schema.isComplete();
    return new Result(
        reachable && migrated,
        Map.of(
            "reachable", reachable,
            "migrated", migrated,
            "schemaVersion", String.valueOf(schema.version()),
            "answeredInMillis", millis));
  }
}
