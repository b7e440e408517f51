package dev.forecourt.platform.security;

import java.util.Locale;
import java.util.Optional;

/**
 * Forecourt's roles. A caller's roles are the {@code groups} claim of its access token (or the
 * scopes of its API key); the group names are the lower-case names below, and they are also the
 * Jakarta EE role names of {@code @RolesAllowed}.
 */
public enum Role {
  SALES,
  MANAGER,
  ADMIN,
  INTEGRATOR;

  public static final String SALES_NAME = "sales";
  public static final String MANAGER_NAME = "manager";
  public static final String ADMIN_NAME = "admin";
  public static final String INTEGRATOR_NAME = "integrator";

  public String groupName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> ofGroup(String group) {
    for (Role r : values()) {
      if (r.groupName().equals(group)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
