package dev.forecourt.platform.security;

import java.util.Set;

/**
 * The scopes an integrator's API key may hold: the one definition of their names. A scope is also a
 * Jakarta EE role of an API-key caller, so the constants serve {@code @RolesAllowed} and
 * {@code @DeclareRoles}.
 */
public final class ApiKeyScope {

  public static final String INVENTORY_READ = "inventory:read";
  public static final String INVENTORY_WRITE = "inventory:write";
  public static final String LEADS_WRITE = "leads:write";
  public static final String WEBHOOKS_MANAGE = "webhooks:manage";

  /** Every scope a key may be given. */
  public static final Set<String> ALL =
      Set.of(INVENTORY_READ, INVENTORY_WRITE, LEADS_WRITE, WEBHOOKS_MANAGE);

  private ApiKeyScope() {}
}
