package dev.forecourt.platform.web;

import dev.forecourt.platform.health.Drain;
import dev.forecourt.platform.problem.ProblemHttp;
import dev.forecourt.platform.problem.ProblemResponses;
import dev.forecourt.platform.problem.ProblemType;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Counts the requests in flight for {@link Drain} and, once the node stops, refuses new ones with
 * 503 {@code service-unavailable}, {@code Retry-After} and {@code Connection: close} (a load
 * balancer retries them on another node). The web module's stop drains: when the server takes this
 * filter out of service (undeployment, {@code stop-domain}, SIGTERM) the requests in flight are
 * waited for before the rest of the application stops.
 */
@WebFilter(filterName = "InFlightFilter", urlPatterns = "/*", asyncSupported = true)
public class InFlightFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;
  private static final int RETRY_AFTER_SECONDS = 5;

  @Inject transient Drain drain;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (drain.stopping()) {
      refuse(request, response);
      return;
    }
    drain.started();
    try {
      chain.doFilter(request, response);
    } finally {
      drain.finished();
    }
  }

  @Override
  public void destroy() {
    drain.drain("the web module stops");
  }

  private static void refuse(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    ProblemType type = ProblemType.SERVICE_UNAVAILABLE;
    response.setHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
    response.setHeader("Connection", "close");
    ProblemResponses.write(
        request,
        response,
        type,
        ProblemHttp.status(type),
        "This node is shutting down; retry the request",
        request.getRequestURI());
  }
}
