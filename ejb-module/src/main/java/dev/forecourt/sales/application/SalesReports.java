package dev.forecourt.sales.application;

import dev.forecourt.identity.domain.Role;
import dev.forecourt.platform.security.CallerDealerships;
import dev.forecourt.sales.domain.DealStatus;
import dev.forecourt.sales.domain.LeadStatus;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The business figures for dashboards: the funnel and revenue, of the caller's dealerships (all for an admin). */
@Stateless
@RolesAllowed({Role.MANAGER_NAME, Role.ADMIN_NAME})
public class SalesReports {

  @PersistenceContext(unitName = "forecourt")
  EntityManager em;

  @Inject CallerDealerships caller;

  /** Leads by stage and the conversion rate, of one dealership or of all the caller's. */
  public Funnel funnel(String dealershipCode) {
    Set<String> codes = scope(dealershipCode);
    TypedQuery<Object[]> query = em.createQuery("select l.status, count(l) from Lead l"
        + (codes == null ? "" : " where l.dealership.code in :codes") + " group by l.status", Object[].class);
    if (codes != null) {
      query.setParameter("codes", codes);
    }
    Map<LeadStatus, Long> byStage = new EnumMap<>(LeadStatus.class);
    for (LeadStatus s : LeadStatus.values()) {
      byStage.put(s, 0L);
    }
    long total = 0;
    for (Object[] row : query.getResultList()) {
      long n = ((Number) row[1]).longValue();
      byStage.put((LeadStatus) row[0], n);
      total += n;
    }
    long decided = byStage.get(LeadStatus.WON) + byStage.get(LeadStatus.LOST);
    Double conversion = decided == 0 ? null : (double) byStage.get(LeadStatus.WON) / decided;
    return new Funnel(byStage, total, conversion);
  }

  /** Revenue of closed deals in [from, to), by dealership and currency. */
  public List<RevenueLine> revenue(Instant from, Instant to, String dealershipCode) {
    Set<String> codes = scope(dealershipCode);
    TypedQuery<Object[]> query = em.createQuery(
        "select d.dealership.code, d.price.currency, count(d), sum(d.price.amount) from Deal d"
            + " where d.status = :closed and d.closedAt >= :from and d.closedAt < :to"
            + (codes == null ? "" : " and d.dealership.code in :codes")
            + " group by d.dealership.code, d.price.currency order by d.dealership.code, d.price.currency",
        Object[].class)
        .setParameter("closed", DealStatus.CLOSED).setParameter("from", from).setParameter("to", to);
    if (codes != null) {
      query.setParameter("codes", codes);
    }
    return query.getResultList().stream()
        .map(r -> new RevenueLine((String) r[0], (String) r[1], ((Number) r[2]).longValue(), (BigDecimal) r[3]))
        .toList();
  }

  /** The dealerships to report on: null for all (an admin asking for all); none matches nothing. */
  private Set<String> scope(String dealershipCode) {
    Set<String> codes = caller.scope(dealershipCode);
    return codes != null && codes.isEmpty() ? Set.of("") : codes;
  }
}
