package dev.forecourt.integration.application;

import dev.forecourt.integration.domain.WebhookDelivery.Outcome;
import dev.forecourt.integration.infrastructure.WebhookCall;
import dev.forecourt.platform.jobs.JobAttempt;
import dev.forecourt.platform.jobs.JobFailedException;
import dev.forecourt.platform.observability.UseCase;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * One delivery attempt of an event to a subscriber: signed POST of the event envelope, outcome in
 * the delivery log. A failure (no 2xx, time-out, connection refused) throws {@link
 * JobFailedException}, and the job queue retries it later (persistently: a retry survives a
 * restart, which an in-memory retry would not). No transaction is held open during the HTTP call.
 * The call is {@link WebhookCall}'s (MP FT time-out and bulkhead), behind the subscriber's own
 * circuit breaker ({@link SubscriberBreakers}): a time-out, a full bulkhead or an open breaker is a
 * failed attempt like any other, logged in the delivery log and retried by the job queue. So is a
 * subscriber URL that now resolves to an address webhooks are not sent to ({@link WebhookTargets},
 * checked before each attempt against DNS rebinding): not called.
 */
@UseCase
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class WebhookDispatcher {

  /** A last bound on a delivery's HTTP call, should the MP FT time-out not act. */
  private static final Duration BACKSTOP = Duration.ofMinutes(2);

  @EJB WebhookDeliveries deliveries;

  @Inject WebhookCall call;

  @Inject SubscriberBreakers breakers;

  public void deliver(
      JobAttempt attempt, long subscriptionId, String eventId, String eventType, String body) {
    WebhookDeliveries.Target target = deliveries.target(subscriptionId);
    if (target == null || deliveries.deliveredBefore(subscriptionId, eventId)) {
      return; // unsubscribed meanwhile, or a redelivered job whose event already arrived
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    long timestamp = Instant.now().getEpochSecond();
    long start = System.nanoTime();
    Integer status = null;
    String error;
    CircuitBreaker breaker = breakers.of(subscriptionId);
    Optional<String> refused =
        WebhookTargets.refusal(target.url()); // again: the name may resolve elsewhere now
    if (refused.isPresent()) {
      error = "not called: " + refused.get();
    } else if (!breaker.tryAcquirePermission()) {
      error = "not called: the subscriber's circuit breaker is open after repeated failures";
    } else {
      try {
        HttpRequest request =
            HttpRequest.newBuilder(URI.create(target.url()))
                .timeout(
                    BACKSTOP) // the bound is WebhookCall's @Timeout; this only acts if that did not
                .header("Content-Type", "application/json")
                .header("User-Agent", "Forecourt-Webhooks/1")
                .header(WebhookSignature.ID_HEADER, eventId)
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(
                    WebhookSignature.SIGNATURE_HEADER,
                    WebhookSignature.sign(target.secret(), eventId, timestamp, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
        status = call.post(request);
        if (status >= 200 && status < 300) {
          breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
          deliveries.record(
              subscriptionId,
              eventId,
              eventType,
              attempt.attempt(),
              Outcome.DELIVERED,
              status,
              null,
              millisSince(start));
          return;
        }
        error = "the receiver answered HTTP " + status;
        breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, new IOException(error));
      } catch (BulkheadException e) {
        breaker.releasePermission(); // not the subscriber's failure
        error = "not called: too many deliveries in progress (bulkhead full)";
      } catch (TimeoutException | HttpTimeoutException e) {
        Thread.interrupted(); // the time-out interrupts this thread: clear what it left
        error = "no answer in time";
        breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
      } catch (IOException e) {
        error =
            "cannot reach the receiver ("
                + e.getClass().getSimpleName().replace("Exception", "").toLowerCase()
                + ")";
        breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        breaker.releasePermission();
        error = "interrupted";
      }
    }
    deliveries.record(
        subscriptionId,
        eventId,
        eventType,
        attempt.attempt(),
        attempt.last() ? Outcome.DEAD : Outcome.FAILED,
        status,
        error,
        millisSince(start));
    throw new JobFailedException(error);
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
