package dev.forecourt.integration.application;

import dev.forecourt.integration.domain.WebhookSubscription;
import java.time.Instant;
import java.util.Set;

/**
 * A webhook subscription as shown: the secret only in the answer that created it (then {@code
 * secret} holds it in clear), never again.
 */
public record WebhookView(
    long id,
    String url,
    Set<String> eventTypes,
    String description,
    boolean active,
    String createdBy,
    Instant createdAt,
    String secret) {

  static WebhookView of(WebhookSubscription s, String secretShownOnce) {
    return new WebhookView(
        s.id(),
        s.url(),
        s.eventTypes(),
        s.description(),
        s.active(),
        s.createdBy(),
        s.createdAt(),
        secretShownOnce);
  }
}
