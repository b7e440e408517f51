package dev.forecourt.sales.application;

import dev.forecourt.platform.observability.UseCase;
import dev.forecourt.platform.security.CallerDealerships;
import dev.forecourt.platform.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The business figures for dashboards: the funnel, revenue and vehicle interest, of the caller's
 * dealerships (all for an admin). The queries are {@link SalesFigures}'.
 */
@UseCase
@Stateless
@RolesAllowed({Role.MANAGER_NAME, Role.ADMIN_NAME})
public class SalesReports {

  @PersistenceContext(unitName = "forecourt")
  EntityManager em;

  @Inject CallerDealerships caller;

  /** Leads by stage and the conversion rate, of one dealership or of all the caller's. */
  public Funnel funnel(String dealershipCode) {
    return SalesFigures.funnel(em, scope(dealershipCode));
  }

  /** Revenue of closed deals in [from, to), by dealership and currency. */
  public List<RevenueLine> revenue(Instant from, Instant to, String dealershipCode) {
    return SalesFigures.revenue(em, from, to, scope(dealershipCode));
  }

  /**
   * Vehicle views and inquiries in [from, to): per dealership, and the {@code limit} most viewed
   * vehicles with their inquiries.
   */
  public InterestReport interest(Instant from, Instant to, String dealershipCode, int limit) {
    Set<String> codes = scope(dealershipCode);
    return new InterestReport(
        SalesFigures.interestByDealership(em, from, to, codes),
        SalesFigures.mostViewed(em, from, to, codes, limit));
  }

  /** The dealerships to report on: null for all (an admin asking for all); none matches nothing. */
  private Set<String> scope(String dealershipCode) {
    Set<String> codes = caller.scope(dealershipCode);
    return codes != null && codes.isEmpty() ? Set.of("") : codes;
  }
}
