package dev.forecourt.platform.events;

import dev.forecourt.platform.observability.Tracing;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Map;

/**
 * Publishes a domain event: writes it to the outbox in the caller's transaction (so the event
 * exists exactly when the change does) and, once that transaction has committed, asks the relay to
 * send it at once. The payload holds ids and business figures, never personal data: receivers read
 * the rest through the API with their own rights.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class DomainEvents {

  private static final Jsonb JSON = JsonbBuilder.create();

  @PersistenceContext(unitName = "forecourt")
  EntityManager em;

  @Inject Event<OutboxWritten> written;

  public void publish(
      EventType type, String aggregateType, Object aggregateId, Map<String, Object> data) {
    em.persist(
        new OutboxEvent(
            type.wireName(),
            aggregateType,
            String.valueOf(aggregateId),
            JSON.toJson(data),
            Tracing.traceparent()));
    written.fire(new OutboxWritten());
  }
}
