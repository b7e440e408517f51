package dev.forecourt.platform.observability;

import dev.forecourt.platform.metrics.Meters;
import dev.forecourt.platform.persistence.StatementTrace;
import dev.forecourt.platform.sla.SlaMeasurements;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Times every API request into the application timer {@code forecourt.http.requests}, tagged with
 * the method, the endpoint's path template (never the raw path: bounded cardinality) and the
 * status, so that Prometheus sees request counts, rates and latencies per endpoint; and into the
 * histogram {@code forecourt_http_request_duration_seconds} per method and endpoint ({@link
 * Meters#histogram}: {@code _bucket{le}}, {@code _count}, {@code _sum}, in seconds), from which
 * Prometheus computes percentiles ({@code histogram_quantile}). Every answer also goes to the SLA
 * monitor's measurements ({@link SlaMeasurements}), and the database statements the request sent
 * ({@link StatementTrace}, until the response filters run) to {@link SlowQueries}.
 */
@Provider
@PreMatching
@Priority(1)
@ApplicationScoped
public class RequestMetrics implements ContainerRequestFilter, ContainerResponseFilter {

  private static final String STARTED = RequestMetrics.class.getName() + ".started";
  private static final String TIMER = "forecourt.http.requests";
  private static final String TIMER_HELP = "API requests by method, endpoint template and status";

  private static final String HISTOGRAM = "forecourt.http.request.duration";

  /** The histogram's bounds in seconds: an API's range, 5 ms to 10 s (then +Inf). */
  private static final double[] BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  @Inject Meters meters;

  @Context ResourceInfo resourceInfo;

  @Context HttpServletRequest servletRequest;

  @Inject SlaMeasurements sla;

  @Inject SlowQueries slowQueries;

  /** One timer series: the HTTP method, the resource method that answered (if any), the status. */
  private record Series(String httpMethod, Class<?> resource, Method method, int status) {}

  /** The registry's timers, looked up once per series instead of by tags on every request. */
  private final Map<Series, Meters.Timer> timers = new ConcurrentHashMap<>();

  /** One histogram per HTTP method and resource method. */
  private record Endpoint(String httpMethod, Class<?> resource, Method method) {}

  private final Map<Endpoint, Meters.Timer> histograms = new ConcurrentHashMap<>();

  private final Map<Endpoint, String> templates = new ConcurrentHashMap<>();

  @Override
  public void filter(ContainerRequestContext request) {
    request.setProperty(STARTED, System.nanoTime());
    StatementTrace.begin(StatementSettings.SLOW_STATEMENT.get().toNanos());
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    Object started = request.getProperty(STARTED);
    if (started == null) {
      return;
    }
    long nanos = System.nanoTime() - (Long) started;
    Class<?> resource = resourceInfo == null ? null : resourceInfo.getResourceClass();
    Method method = resourceInfo == null ? null : resourceInfo.getResourceMethod();
    timers
        .computeIfAbsent(
            new Series(request.getMethod(), resource, method, response.getStatus()), this::timer)
        .record(nanos);
    Endpoint endpoint = new Endpoint(request.getMethod(), resource, method);
    histograms.computeIfAbsent(endpoint, this::histogram).record(nanos);
    sla.record(response.getStatus(), nanos);
    String template = templates.computeIfAbsent(endpoint, e -> endpoint(e.resource(), e.method()));
    StatementTrace statements = StatementTrace.end();
    if (statements != null) {
      slowQueries.record(
          request.getMethod(), template, CorrelationId.of(servletRequest), statements);
    }
    JsonLog.access(
        request.getMethod(),
        template,
        response.getStatus(),
        nanos / 1e6,
        ClientAddress.of(servletRequest));
  }

  private Meters.Timer histogram(Endpoint endpoint) {
    return meters.histogram(
        HISTOGRAM,
        "API requests by method and endpoint",
        BOUNDS,
        Meters.tag("method", endpoint.httpMethod()),
        Meters.tag("endpoint", endpoint(endpoint.resource(), endpoint.method())));
  }

  private Meters.Timer timer(Series series) {
    return meters.timer(
        TIMER,
        TIMER_HELP,
        Meters.tag("method", series.httpMethod()),
        Meters.tag("endpoint", endpoint(series.resource(), series.method())),
        Meters.tag("status", Integer.toString(series.status())));
  }

  private static String endpoint(Class<?> resource, Method method) {
    if (resource == null || method == null) {
      return "unmatched";
    }
    Path classPath = resource.getAnnotation(Path.class);
    Path methodPath = method.getAnnotation(Path.class);
    String template = "/" + (classPath == null ? "" : classPath.value());
    if (methodPath != null) {
      template += "/" + methodPath.value();
    }
    return withoutRegex(template.replaceAll("/+", "/"));
  }

  /** {@code /vehicles/{id: [0-9]{1,18}}} becomes {@code /vehicles/{id}}. */
  static String withoutRegex(String template) {
    StringBuilder out = new StringBuilder(template.length());
    int depth = 0;
    boolean skipping = false;
    for (char c : template.toCharArray()) {
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
        if (depth == 0) {
          skipping = false;
        }
      } else if (c == ':' && depth == 1) {
        skipping = true;
      }
      if (!skipping || (c == '}' && depth == 0)) {
        out.append(c);
      }
    }
    return out.toString().replace(" ", "");
  }
}
