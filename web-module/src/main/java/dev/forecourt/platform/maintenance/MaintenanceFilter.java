package dev.forecourt.platform.maintenance;

import dev.forecourt.platform.problem.ProblemResponses;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;

/**
 * Refuses every write (POST, PUT, PATCH, DELETE) to the API with 503 {@code maintenance}, the
 * admin's message and {@code Retry-After} while {@link MaintenanceMode} is on; reads are served.
 * Not refused: the switch itself and sign-in, refresh and sign-out, so that an admin can switch it
 * off. Runs after routing (an unknown path stays 404, a wrong method 405), after the pre-matching
 * filters (intrusion detection, body size limit, refused credentials) and after the rate limits
 * ({@code AUTHENTICATION + 10}), so an attack or a flood is answered as such, not as maintenance.
 * The switch is read through the node's short cache: no query per request.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class MaintenanceFilter implements ContainerRequestFilter {

  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final Set<String> ALWAYS_OPEN =
      Set.of(
          MaintenanceResource.PATH,
          "auth/login",
          "auth/refresh",
          "auth/logout",
          "auth/session",
          "auth/session/refresh");

  @Inject MaintenanceMode mode;

  @Context HttpServletRequest request;

  /**
   * Whether maintenance refuses {@code method} on {@code path} (relative to {@code /api/v1}); also
   * read by the OpenAPI document to list the {@code maintenance} problem.
   */
  public static boolean appliesTo(String method, String path) {
    return WRITES.contains(method) && !ALWAYS_OPEN.contains(path.replaceAll("^/+|/+$", ""));
  }

  @Override
  public void filter(ContainerRequestContext context) {
    if (!appliesTo(context.getMethod(), context.getUriInfo().getPath())) {
      return;
    }
    MaintenanceStatus status = mode.current();
    if (status.active()) {
      context.abortWith(ProblemResponses.of(request, new InMaintenance(status)));
    }
  }
}
