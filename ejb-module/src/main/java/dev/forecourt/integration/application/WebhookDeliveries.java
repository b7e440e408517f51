package dev.forecourt.integration.application;

import dev.forecourt.integration.domain.WebhookDelivery;
import dev.forecourt.integration.domain.WebhookDelivery.Outcome;
import dev.forecourt.integration.domain.WebhookSubscription;
import dev.forecourt.platform.observability.UseCase;
import dev.forecourt.platform.security.SecretCipher;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * The dispatcher's short transactions: where to deliver, whether it already was, the attempt's
 * outcome.
 */
@UseCase
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class WebhookDeliveries {

  /** An active subscription's URL and its secret in clear. */
  public record Target(String url, String secret) {}

  @PersistenceContext(unitName = "forecourt")
  EntityManager em;

  @Inject SecretCipher cipher;

  /** The subscription's target, or null when it is gone or inactive. */
  public Target target(long subscriptionId) {
    WebhookSubscription s = em.find(WebhookSubscription.class, subscriptionId);
    return s == null || !s.active()
        ? null
        : new Target(s.url(), cipher.decrypt(s.secret(), WebhookService.secretBinding(s.id())));
  }

  public boolean deliveredBefore(long subscriptionId, String eventId) {
    return em.createQuery(
                "select count(d) from WebhookDelivery d where d.subscriptionId = :s and d.eventId = :e"
                    + " and d.outcome = :delivered",
                Long.class)
            .setParameter("s", subscriptionId)
            .setParameter("e", eventId)
            .setParameter("delivered", Outcome.DELIVERED)
            .getSingleResult()
        > 0;
  }

  public void record(
      long subscriptionId,
      String eventId,
      String eventType,
      int attempt,
      Outcome outcome,
      Integer statusCode,
      String error,
      long durationMillis) {
    em.persist(
        new WebhookDelivery(
            subscriptionId,
            eventId,
            eventType,
            attempt,
            outcome,
            statusCode,
            error,
            durationMillis));
  }
}
