package dev.forecourt.platform.security;

import java.io.Serializable;
import java.util.Set;

/** The caller of a request authenticated by an API key: named {@code apikey:<prefix>}. */
public record ApiKeyPrincipal(String prefix, Set<String> scopes, Set<String> dealerships)
    implements AssignedCaller, Serializable {

  public static final String GROUP = "integrator";

  @Override
  public String getName() {
    return "apikey:" + prefix;
  }
}
