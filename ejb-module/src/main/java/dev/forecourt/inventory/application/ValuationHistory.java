package dev.forecourt.inventory.application;

import dev.forecourt.inventory.domain.Money;
import dev.forecourt.inventory.domain.Valuation;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Optional;

/** Stores the valuations obtained from the service and answers the last known one. */
@Stateless
public class ValuationHistory {

  @PersistenceContext(unitName = "forecourt")
  EntityManager em;

  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void record(long vehicleId, Money value, Instant valuedAt) {
    if (em.find(dev.forecourt.inventory.domain.Vehicle.class, vehicleId) != null) {
      em.persist(new Valuation(vehicleId, value, valuedAt));
    }
  }

  public Optional<Valuation> lastKnown(long vehicleId) {
    return em.createQuery(
            "select w from Valuation w where w.vehicleId = :id order by w.valuedAt desc",
            Valuation.class)
        .setParameter("id", vehicleId)
        .setMaxResults(1)
        .getResultStream()
        .findFirst();
  }
}
