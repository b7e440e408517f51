package dev.forecourt.bench.bare;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;

/**
 * The bare WAR with Jakarta Security's bridge (Soteria on Payara) and nothing else: a request with
 * a bearer header is signed in as a caller with one group, without any verification, so that the
 * measured difference to the bare WAR is the bridge's own cost per request.
 */
@ApplicationScoped
public class BareMechanism implements HttpAuthenticationMechanism {

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    String header = request.getHeader("Authorization");
    if (header != null && header.startsWith("Bearer ")) {
      return context.notifyContainerAboutLogin("bench", Set.of("staff"));
    }
    return context.doNothing();
  }
}
