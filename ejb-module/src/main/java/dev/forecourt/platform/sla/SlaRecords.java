package dev.forecourt.platform.sla;

import dev.forecourt.platform.events.DomainEvents;
import dev.forecourt.platform.events.EventType;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SLA monitor's database work, each call in its own transaction: incidents opened and closed
 * with their alert events ({@code sla.violated}, {@code sla.recovered}: delivered to the webhook
 * subscribers through the outbox like every domain event), the per-minute answers and the 30-day
 * sums of the error budget.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class SlaRecords {

  @PersistenceContext(unitName = "forecourt")
  EntityManager em;

  @EJB DomainEvents events;

  /** Opens an incident and publishes {@code sla.violated}; returns its id. */
  public String open(Objective.Judgement judgement, String node, long windowSeconds) {
    SlaIncident incident =
        new SlaIncident(
            judgement.objective().wireName(),
            node,
            windowSeconds,
            judgement.threshold(),
            judgement.measured());
    em.persist(incident);
    events.publish(EventType.SLA_VIOLATED, "sla-incident", incident.id(), payload(incident));
    return incident.id();
  }

  /** Closes the incident and publishes {@code sla.recovered}. */
  public void close(String id, double measured) {
    SlaIncident incident = em.find(SlaIncident.class, id);
    if (incident == null || incident.endedAt() != null) {
      return;
    }
    incident.close(measured);
    events.publish(EventType.SLA_RECOVERED, "sla-incident", incident.id(), payload(incident));
  }

  /** The open incidents of {@code node}, by objective (after a restart: to be closed later). */
  public Map<String, String> openOn(String node) {
    Map<String, String> open = new LinkedHashMap<>();
    em.createQuery(
            "select i from SlaIncident i where i.node = :node and i.endedAt is null",
            SlaIncident.class)
        .setParameter("node", node)
        .getResultList()
        .forEach(i -> open.put(i.objective(), i.id()));
    return open;
  }

  /** The latest {@code limit} incidents of every node, newest first. */
  public List<SlaIncident> latest(int limit) {
    return em.createQuery(
            "select i from SlaIncident i order by i.startedAt desc", SlaIncident.class)
        .setMaxResults(limit)
        .getResultList();
  }

  public void saveMinute(SlaMinute minute) {
    if (em.find(SlaMinute.class, minute.id()) == null) {
      em.persist(minute);
    }
  }

  /** Answers and server errors of every node since {@code since}. */
  public long[] answersAndErrorsSince(Instant since) {
    Object[] sums =
        em.createQuery(
                "select coalesce(sum(m.requests), 0), coalesce(sum(m.errors), 0)"
                    + " from SlaMinute m where m.minuteStart >= :since",
                Object[].class)
            .setParameter("since", since)
            .getSingleResult();
    return new long[] {((Number) sums[0]).longValue(), ((Number) sums[1]).longValue()};
  }

  public int purgeMinutesBefore(Instant before) {
    return em.createQuery("delete from SlaMinute m where m.minuteStart < :before")
        .setParameter("before", before)
        .executeUpdate();
  }

  private static Map<String, Object> payload(SlaIncident incident) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("incidentId", incident.id());
    data.put("objective", incident.objective());
    data.put("node", incident.node());
    data.put("windowSeconds", incident.windowSeconds());
    data.put("threshold", incident.threshold());
    data.put("measured", incident.measured());
    data.put("startedAt", incident.startedAt().toString());
    if (incident.endedAt() != null) {
      data.put("endedAt", incident.endedAt().toString());
      data.put("recoveredMeasure", incident.recoveredMeasure());
    }
    return data;
  }
}
