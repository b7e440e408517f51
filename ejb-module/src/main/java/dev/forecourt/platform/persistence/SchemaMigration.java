package dev.forecourt.platform.persistence;

import dev.forecourt.platform.health.StartupPhases;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Migrates the schema of {@code jdbc/forecourt} with Flyway when the application is deployed, so
 * that deployment fails rather than serve traffic on an old schema. Safe with several nodes
 * starting at once (Flyway takes a database lock). What it found is in {@link SchemaState}.
 */
@Singleton
@Startup
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SchemaMigration {

  private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

  @Resource(lookup = "jdbc/forecourt")
  DataSource dataSource;

  @Inject StartupPhases phases;

  @Inject SchemaState state;

  @PostConstruct
  void migrate() {
    Flyway flyway =
        Flyway.configure(SchemaMigration.class.getClassLoader())
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .load();
    MigrateResult result = flyway.migrate();
    String schemaVersion =
        flyway.info().current() == null
            ? "none"
            : flyway.info().current().getVersion().getVersion();
    state.migrated(schemaVersion, flyway.info().pending().length == 0);
    phases.completed(StartupPhases.MIGRATIONS);
    LOG.info(
        () ->
            "Schema at version "
                + schemaVersion
                + " ("
                + result.migrationsExecuted
                + " migrations applied now)");
  }
}
