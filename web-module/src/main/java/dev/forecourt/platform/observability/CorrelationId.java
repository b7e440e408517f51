package dev.forecourt.platform.observability;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request a correlation id: the caller's {@code X-Correlation-Id} when it is a safe
 * token, else a new UUID. It is echoed on every response and carried in every problem body, and
 * recorded with the client address ({@link ClientAddress}) in {@link RequestOrigin} for the EJB
 * tier, and with the caller's W3C trace id and user in the {@link LogContext} of the log lines
 * written while the request is served.
 */
@Provider
@PreMatching
@Priority(0)
@ApplicationScoped
public class CorrelationId implements ContainerRequestFilter, ContainerResponseFilter {

  public static final String HEADER = "X-Correlation-Id";
  private static final String ATTRIBUTE = CorrelationId.class.getName();
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern TRACEPARENT =
      Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

  @Context HttpServletRequest servletRequest;

  @Inject RequestOrigin origin;

  @Override
  public void filter(ContainerRequestContext request) {
    // no trace context from an earlier request on this worker thread: Payara 6.2025.10 never
    // closes the scope of a request whose span is not sampled (its Jersey listener returns early
    // for a span that is not recording), so that span stayed current on the thread
    io.opentelemetry.context.Context.root().makeCurrent();
    String given = request.getHeaderString(HEADER);
    String id =
        given != null && SAFE.matcher(given).matches() ? given : UUID.randomUUID().toString();
    servletRequest.setAttribute(ATTRIBUTE, id);
    // for the EJB tier (the audit trail): where this request came from
    origin.record(ClientAddress.of(servletRequest), id);
    // for the log lines written while it is served (the JSON log)
    java.security.Principal user = servletRequest.getUserPrincipal();
    LogContext.enter(
        id, traceId(request.getHeaderString("traceparent")), user == null ? null : user.getName());
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    response.getHeaders().putSingle(HEADER, of(servletRequest));
    LogContext.leave(); // the last response filter (the lowest priority runs last)
  }

  /** The trace id of a W3C {@code traceparent} header ({@code 00-<trace>-<span>-<flags>}). */
  static String traceId(String traceparent) {
    if (traceparent == null || !TRACEPARENT.matcher(traceparent).matches()) {
      return null;
    }
    String trace = traceparent.substring(3, 35);
    return trace.equals("0".repeat(32)) ? null : trace;
  }

  /**
   * The correlation id of {@code request}, assigning one if the filter has not run (e.g. an
   * unmatched request).
   */
  public static String of(HttpServletRequest request) {
    if (request == null) {
      return UUID.randomUUID().toString();
    }
    Object id = request.getAttribute(ATTRIBUTE);
    if (id == null) {
      id = UUID.randomUUID().toString();
      request.setAttribute(ATTRIBUTE, id);
    }
    return id.toString();
  }
}
