package dev.forecourt.platform.persistence;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * What {@link SchemaMigration} found, for readers that must never wait on it: a plain CDI bean, so
 * that a readiness probe reads two fields instead of calling the singleton EJB (a call to a
 * singleton that is still migrating, or whose module failed to deploy, waits for the container — a
 * probe thread stood 5 minutes in such a call while WildFly rolled a failed deployment back).
 */
@ApplicationScoped
public class SchemaState {

  private volatile boolean complete;
  private volatile String version;

  void migrated(String version, boolean complete) {
    this.version = version;
    this.complete = complete;
  }

  /** True once every migration has been applied. */
  public boolean isComplete() {
    return complete;
  }

  /** The schema's version after the migration; null before it ran. */
  public String version() {
    return version;
  }
}
