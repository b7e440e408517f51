package dev.forecourt.integration.application;

import dev.forecourt.integration.domain.WebhookDelivery.Outcome;
import dev.forecourt.platform.jobs.JobAttempt;
import dev.forecourt.platform.jobs.JobFailedException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * One delivery attempt of an event to a subscriber: signed POST of the event envelope, outcome in
 * the delivery log. A failure (no 2xx, time-out, connection refused) throws
 * {@link JobFailedException}, and the job queue retries it later (persistently: a retry survives a
 * restart, which an in-memory retry would not). No transaction is held open during the HTTP call.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class WebhookDispatcher {

  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER)
      .build();

  @EJB WebhookDeliveries deliveries;

  public void deliver(JobAttempt attempt, long subscriptionId, String eventId, String eventType, String body) {
    WebhookDeliveries.Target target = deliveries.target(subscriptionId);
    if (target == null || deliveries.deliveredBefore(subscriptionId, eventId)) {
      return; // unsubscribed meanwhile, or a redelivered job whose event already arrived
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    long timestamp = Instant.now().getEpochSecond();
    long start = System.nanoTime();
    Integer status = null;
    String error;
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(target.url()))
          .timeout(timeout())
          .header("Content-Type", "application/json")
          .header("User-Agent", "Forecourt-Webhooks/1")
          .header(WebhookSignature.ID_HEADER, eventId)
          .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
          .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(target.secret(), eventId, timestamp, bytes))
          .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
          .build();
      status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status >= 200 && status < 300) {
        deliveries.record(subscriptionId, eventId, eventType, attempt.attempt(), Outcome.DELIVERED, status, null,
            millisSince(start));
        return;
      }
      error = "the receiver answered HTTP " + status;
    } catch (HttpTimeoutException e) {
      error = "no answer within " + timeout();
    } catch (IOException e) {
      error = "cannot reach the receiver (" + e.getClass().getSimpleName().replace("Exception", "").toLowerCase() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error = "interrupted";
    }
    deliveries.record(subscriptionId, eventId, eventType, attempt.attempt(), attempt.last() ? Outcome.DEAD : Outcome.FAILED,
        status, error, millisSince(start));
    throw new JobFailedException(error);
  }

  private static Duration timeout() {
    return Duration.parse(ConfigProvider.getConfig().getOptionalValue("forecourt.webhooks.timeout", String.class)
        .orElse("PT10S"));
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
