package dev.forecourt.integration.application;

import dev.forecourt.integration.domain.WebhookDelivery;
import java.time.Instant;

/** One line of a subscriber's delivery log. */
public record DeliveryView(
    long id,
    String eventId,
    String eventType,
    int attempt,
    String outcome,
    Integer statusCode,
    String error,
    long durationMillis,
    Instant attemptedAt) {

  static DeliveryView of(WebhookDelivery d) {
    return new DeliveryView(
        d.id(),
        d.eventId(),
        d.eventType(),
        d.attempt(),
        d.outcome().name(),
        d.statusCode(),
        d.error(),
        d.durationMillis(),
        d.attemptedAt());
  }
}
