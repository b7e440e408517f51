package dev.forecourt.testing;

import dev.forecourt.inventory.domain.Address;
import dev.forecourt.inventory.domain.Dealership;
import dev.forecourt.inventory.domain.Vehicle;
import dev.forecourt.inventory.domain.Vin;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceUnit;
import java.time.ZoneId;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Test fixtures inside the container: dealerships with unique codes, fresh valid VINs, raw counts.
 */
@Stateless
public class TestData {

  private static final String VIN_CHARS = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ";

  @PersistenceContext(unitName = "forecourt")
  EntityManager em;

  /** A new dealership with a unique code, returned as its code. */
  public String dealership() {
    String code = "T" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    em.persist(
        new Dealership(
            code,
            "Test " + code,
            new Address("Street 1", "Berlin", "10115", "DE"),
            ZoneId.of("Europe/Berlin")));
    return code;
  }

  @PersistenceUnit(unitName = "forecourt")
  EntityManagerFactory emf;

  public void evictVehicles() {
    emf.getCache().evict(Vehicle.class);
  }

  /** True when the shared (second-level) cache holds vehicle {@code id}. */
  public boolean vehicleCached(long id) {
    return emf.getCache().contains(Vehicle.class, id);
  }

  public long priceChanges(long vehicleId) {
    return em.createQuery("select count(p) from PriceChange p where p.vehicle.id = :id", Long.class)
        .setParameter("id", vehicleId)
        .getSingleResult();
  }

  /** The recorded views of vehicle {@code vehicleId}. */
  public long views(long vehicleId) {
    return em.createQuery(
            "select count(r.epochHour) from VehicleViewRecord r where r.vehicleId = :id",
            Long.class)
        .setParameter("id", vehicleId)
        .getSingleResult();
  }

  /** The newest {@code n} audit records as "entity action outcome error", newest first. */
  public java.util.List<String> lastAuditRecords(int n) {
    return em
        .createQuery(
            "select r from AuditRecord r order by r.seqNo desc",
            dev.forecourt.platform.audit.AuditRecord.class)
        .setMaxResults(n)
        .getResultList()
        .stream()
        .map(r -> r.entityType() + " " + r.action() + " " + r.outcome() + " " + r.error())
        .toList();
  }

  /** How many outbox events of {@code type} the aggregate has. */
  public long outboxEvents(String aggregateType, long aggregateId, String type) {
    return em.createQuery(
            "select count(e) from OutboxEvent e where e.aggregateType = :a and e.aggregateId = :id"
                + " and e.type = :type",
            Long.class)
        .setParameter("a", aggregateType)
        .setParameter("id", Long.toString(aggregateId))
        .setParameter("type", type)
        .getSingleResult();
  }

  /** The ids of the aggregate's outbox events. */
  public java.util.List<String> outboxEventIds(String aggregateType, long aggregateId) {
    return em.createQuery(
            "select e.id from OutboxEvent e where e.aggregateType = :a and e.aggregateId = :id",
            String.class)
        .setParameter("a", aggregateType)
        .setParameter("id", Long.toString(aggregateId))
        .getResultList();
  }

  public boolean published(String eventId) {
    return em.find(dev.forecourt.platform.events.OutboxEvent.class, eventId).publishedAt() != null;
  }

  public long processedEvents(String eventId) {
    return em.createQuery("select count(p) from ProcessedEvent p where p.eventId = :id", Long.class)
        .setParameter("id", eventId)
        .getSingleResult();
  }

  /** A random VIN with a correct check digit. */
  public static String vin() {
    char[] chars = new char[17];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = VIN_CHARS.charAt(ThreadLocalRandom.current().nextInt(VIN_CHARS.length()));
    }
    chars[8] = Vin.checkDigit(new String(chars));
    return new String(chars);
  }
}
