package dev.forecourt.platform.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Hands the ids of a traced request's server span to its log lines ({@link LogContext#traced}), and
 * the request's correlation id to that span ({@code forecourt.correlation_id}): from a log line, an
 * audit record or a problem answer to the trace, and back. The server (MicroProfile Telemetry)
 * makes that span current once the request is matched, and no longer after the resource method: the
 * access line, written by a response filter, would miss it. Runs first among the filters after
 * matching; a request whose trace is not kept keeps the caller's trace id, if any.
 */
@Provider
@Priority(Priorities.AUTHENTICATION - 100)
@ApplicationScoped
public class ServerSpanIds implements ContainerRequestFilter {

  @Override
  public void filter(ContainerRequestContext request) {
    Span span = Span.current();
    SpanContext ids = span.getSpanContext();
    if (Tracing.on() && ids.isSampled()) {
      LogContext.traced(ids.getTraceId(), ids.getSpanId());
      // and the other way round: the trace found by the request's correlation id
      LogContext.Context context = LogContext.current();
      if (context != null) {
        span.setAttribute("forecourt.correlation_id", context.correlationId());
      }
    }
  }
}
