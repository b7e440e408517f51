package dev.forecourt.platform.observability;

import dev.forecourt.platform.config.Settings;
import dev.forecourt.platform.security.Role;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/** This node's slow statements and statement-heavy requests as admins see them. */
@Stateless
@DeclareRoles(Role.ADMIN_NAME)
@RolesAllowed(Role.ADMIN_NAME)
public class SlowQueryReport {

  @Inject SlowQueries slowQueries;

  @Inject Settings settings;

  public SlowQueries.Listing listing() {
    return slowQueries.listing(
        settings.get(StatementSettings.SLOW_STATEMENT).toNanos() / 1_000_000.0,
        settings.get(StatementSettings.STATEMENTS_PER_REQUEST));
  }
}
