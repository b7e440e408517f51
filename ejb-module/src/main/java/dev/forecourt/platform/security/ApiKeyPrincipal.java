package dev.forecourt.platform.security;

import java.io.Serializable;
import java.util.Set;

/** The caller of a request authenticated by an API key: named {@code apikey:<prefix>}. */
public record ApiKeyPrincipal(String prefix, Set<String> scopes, Set<String> dealerships)
    implements AssignedCaller, Serializable {

  public static final String GROUP = "integrator";

  /** The principal name of an API key is this prefix and the key's public prefix. */
  public static final String NAME_PREFIX = "apikey:";

  @Override
  public String getName() {
    return NAME_PREFIX + prefix;
  }
}
