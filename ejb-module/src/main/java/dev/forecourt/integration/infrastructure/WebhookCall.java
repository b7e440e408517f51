package dev.forecourt.integration.infrastructure;

import dev.forecourt.integration.application.SubscriberBreakers;
import dev.forecourt.platform.observability.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * The HTTP call of one webhook delivery attempt, guarded by MicroProfile Fault Tolerance: bounded
 * by {@code @Timeout} (the JDK HTTP client is interruptible, so the time-out frees the job
 * consumer's thread), and at most {@code @Bulkhead} calls to subscribers at once, so that hanging
 * receivers cannot take every consumer. No {@code @Retry} (the persistent job queue retries, also
 * across a restart) and no MP FT {@code @CircuitBreaker}: MP FT keeps one breaker per method, which
 * would let one dead subscriber stop the deliveries to all others; the breaker is per subscriber
 * ({@link SubscriberBreakers}). Overrides by MP Config, e.g. {@code
 * dev.forecourt.integration.infrastructure.WebhookCall/post/Timeout/value}.
 */
@ApplicationScoped
public class WebhookCall {

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  @Inject Tracing tracing;

  /**
   * Sends {@code request}; its HTTP status. A client span of the call (the receiver's host and
   * port, not its path, which may hold a secret), whose context the request carries ({@code
   * traceparent}).
   */
  @Timeout(10_000)
  @Bulkhead(8)
  public int post(HttpRequest request) throws IOException, InterruptedException {
    Span span =
        tracing
            .span("POST", SpanKind.CLIENT, null)
            .setAttribute("http.request.method", "POST")
            .setAttribute("server.address", request.uri().getHost())
            .setAttribute("server.port", (long) port(request.uri()))
            .setAttribute("forecourt.call", "webhook")
            .startSpan();
    try (Scope ignored = span.makeCurrent()) {
      int status =
          HTTP.send(Tracing.withTraceContext(request), HttpResponse.BodyHandlers.discarding())
              .statusCode();
      span.setAttribute("http.response.status_code", (long) status);
      if (status >= 400) {
        span.setStatus(StatusCode.ERROR);
      }
      return status;
    } catch (IOException | InterruptedException | RuntimeException e) {
      Tracing.failed(span, e);
      throw e;
    } finally {
      span.end();
    }
  }

  private static int port(URI uri) {
    return uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
  }
}
