package dev.forecourt.platform.web;

import dev.forecourt.platform.health.DatabaseReadiness;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.time.Duration;
import java.time.Instant;

/**
 * While the database does not answer, a read that is answered all the same was served from this
 * node's caches: it carries {@code Age} (RFC 9111), the seconds since the database last answered —
 * how far behind the database the answer may be, since every change goes through the caches.
 */
@Provider
public class OutageAgeFilter implements ContainerResponseFilter {

  @Inject DatabaseReadiness database;

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    String method = request.getMethod();
    if ((HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method))
        && response.getStatusInfo().getFamily() == Response.Status.Family.SUCCESSFUL) {
      database
          .unreachableSince()
          .ifPresent(
              since ->
                  response
                      .getHeaders()
                      .putSingle(
                          "Age", Math.max(0, Duration.between(since, Instant.now()).toSeconds())));
    }
  }
}
