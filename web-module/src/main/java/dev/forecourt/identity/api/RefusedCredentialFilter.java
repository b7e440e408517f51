package dev.forecourt.identity.api;

import dev.forecourt.platform.persistence.DatabaseUnavailable;
import dev.forecourt.platform.problem.ProblemResponses;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/**
 * A request whose credential the authentication mechanism refused gets 401 with an {@code
 * invalid-token} problem (and {@code WWW-Authenticate}), on every endpoint — public ones too: a bad
 * credential is an error, never a fall-back to anonymous. A credential that could not be checked
 * because the database does not answer gets 503 {@code service-unavailable} with {@code
 * Retry-After}. A console request that changes state without its session's CSRF token gets 403
 * {@code csrf-token-invalid}.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class RefusedCredentialFilter implements ContainerRequestFilter {

  @Context HttpServletRequest request;

  @Override
  public void filter(ContainerRequestContext context) {
    if (request.getAttribute(ForecourtAuthenticationMechanism.UNCHECKED) != null) {
      context.abortWith(ProblemResponses.of(request, DatabaseUnavailable.problem()));
    } else if (request.getAttribute(ForecourtAuthenticationMechanism.CSRF_REFUSED) != null) {
      context.abortWith(ProblemResponses.of(request, new CsrfTokenInvalid()));
    } else if (request.getAttribute(ForecourtAuthenticationMechanism.REFUSED) != null) {
      context.abortWith(ProblemResponses.of(request, new CredentialRefused()));
    }
  }
}
