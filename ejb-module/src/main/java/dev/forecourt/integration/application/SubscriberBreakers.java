package dev.forecourt.integration.application;

import dev.forecourt.platform.config.Settings;
import dev.forecourt.platform.metrics.Meters;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * One circuit breaker per webhook subscription (Resilience4j: MicroProfile Fault Tolerance has one
 * breaker per method, and one dead subscriber must not stop the deliveries to the others). With the
 * semantics of MP FT's {@code @CircuitBreaker}: over the last {@code
 * forecourt.webhooks.circuit-breaker.request-volume-threshold} attempts to one subscriber, a
 * failure ratio of {@code failure-ratio} or more opens its breaker for {@code delay}; then one
 * trial attempt closes it again or opens it anew. An attempt refused by an open breaker is a failed
 * attempt for the job queue (retried with backoff, dead-lettered after the limit). Counted in
 * {@code forecourt_webhook_circuit_opened_total{subscription}} and {@code
 * forecourt_webhook_circuit_refused_total{subscription}}. The state is per server instance and
 * starts closed at every start.
 */
@ApplicationScoped
public class SubscriberBreakers {

  @Inject Settings settings;

  @Inject Meters meters;

  private CircuitBreakerRegistry registry;

  @PostConstruct
  void init() {
    int requestVolumeThreshold = settings.get(IntegrationSettings.BREAKER_REQUEST_VOLUME);
    registry =
        CircuitBreakerRegistry.of(
            CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(requestVolumeThreshold)
                .minimumNumberOfCalls(requestVolumeThreshold)
                .failureRateThreshold(
                    (float) (settings.get(IntegrationSettings.BREAKER_FAILURE_RATIO) * 100))
                .waitDurationInOpenState(settings.get(IntegrationSettings.BREAKER_DELAY))
                .permittedNumberOfCallsInHalfOpenState(1)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build());
    // each breaker's events to the metrics, once, when the registry creates it
    registry
        .getEventPublisher()
        .onEntryAdded(
            added -> {
              CircuitBreaker breaker = added.getAddedEntry();
              Meters.Tag tag = Meters.tag("subscription", breaker.getName());
              Meters.Counter opened =
                  meters.counter(
                      "forecourt_webhook_circuit_opened_total",
                      "Webhook circuit breakers opened, by subscription",
                      tag);
              Meters.Counter refused =
                  meters.counter(
                      "forecourt_webhook_circuit_refused_total",
                      "Webhook calls refused by an open circuit, by subscription",
                      tag);
              breaker
                  .getEventPublisher()
                  .onStateTransition(
                      e -> {
                        if (e.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                          opened.inc();
                        }
                      })
                  .onCallNotPermitted(e -> refused.inc());
            });
  }

  /** The breaker of subscription {@code subscriptionId}. */
  public CircuitBreaker of(long subscriptionId) {
    return registry.circuitBreaker(Long.toString(subscriptionId));
  }
}
