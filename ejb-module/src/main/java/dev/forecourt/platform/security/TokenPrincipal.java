package dev.forecourt.platform.security;

import com.nimbusds.jwt.JWTClaimsSet;
import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller of a request authenticated by a verified access token: an MP-JWT {@link JsonWebToken}
 * whose name is {@code upn}, else {@code preferred_username}, else {@code sub}.
 */
public final class TokenPrincipal implements JsonWebToken, AssignedCaller, Serializable {

  private static final long serialVersionUID = 1L;

  private final String name;
  private final String rawToken;
  private final Map<String, Object> claims;

  public TokenPrincipal(String rawToken, JWTClaimsSet claims) {
    this.rawToken = rawToken;
    this.claims = Map.copyOf(claims.toJSONObject());
    Object upn = this.claims.get("upn");
    Object preferred = this.claims.get("preferred_username");
    this.name =
        upn != null
            ? upn.toString()
            : preferred != null ? preferred.toString() : claims.getSubject();
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public Set<String> getClaimNames() {
    Set<String> names = new LinkedHashSet<>(claims.keySet());
    names.add("raw_token");
    return names;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T getClaim(String claimName) {
    return (T) ("raw_token".equals(claimName) ? rawToken : claims.get(claimName));
  }

  @Override
  public Set<String> getGroups() {
    Object groups = claims.get("groups");
    Set<String> out = new LinkedHashSet<>();
    if (groups instanceof List<?> list) {
      list.forEach(g -> out.add(String.valueOf(g)));
    }
    return out;
  }

  /**
   * The dealerships (rooftop codes) the caller is assigned to ({@code dealerships} claim); empty
   * when none.
   */
  @Override
  public Set<String> dealerships() {
    Object codes = claims.get("dealerships");
    Set<String> out = new LinkedHashSet<>();
    if (codes instanceof List<?> list) {
      list.forEach(c -> out.add(String.valueOf(c)));
    }
    return out;
  }

  @Override
  public String toString() {
    return "TokenPrincipal[" + name + ", groups=" + getGroups() + "]";
  }
}
