package dev.forecourt.integration.application;

import dev.forecourt.integration.domain.WebhookSubscription;
import dev.forecourt.platform.events.ProcessedEvent;
import dev.forecourt.platform.observability.UseCase;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * The event consumer's database work: remember the event as processed, find its webhook
 * subscribers.
 */
@UseCase
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class EventFanOut {

  @PersistenceContext(unitName = "forecourt")
  EntityManager em;

  /** The ids of the active subscriptions that want {@code eventType}. */
  public List<Long> consume(String eventId, String eventType) {
    if (em.find(ProcessedEvent.class, eventId) == null) {
      em.persist(new ProcessedEvent(eventId, eventType));
    }
    return em
        .createQuery(
            "select s from WebhookSubscription s where s.active = true", WebhookSubscription.class)
        .getResultList()
        .stream()
        .filter(s -> s.wants(eventType))
        .map(WebhookSubscription::id)
        .toList();
  }
}
