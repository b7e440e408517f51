package dev.forecourt.integration.infrastructure;

import dev.forecourt.integration.application.SubscriberBreakers;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
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

  /** Sends {@code request}; its HTTP status. */
  @Timeout(10_000)
  @Bulkhead(8)
  public int post(HttpRequest request) throws IOException, InterruptedException {
    return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
