package dev.forecourt.sales.application;

import dev.forecourt.platform.audit.Audited;
import dev.forecourt.platform.audit.EntityId;
import dev.forecourt.platform.observability.UseCase;
import dev.forecourt.platform.problem.NotPermitted;
import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.security.CallerDealerships;
import dev.forecourt.platform.security.Role;
import dev.forecourt.sales.domain.Customer;
import dev.forecourt.sales.domain.Deal;
import dev.forecourt.sales.domain.Lead;
import dev.forecourt.sales.domain.LeadActivity;
import dev.forecourt.sales.domain.TestDrive;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Customer data under the GDPR: the export of everything held about a customer (managers of a
 * dealership the customer has a lead at, and admins) and the erasure of their personal data
 * (admins). Erasure pseudonymizes the customer and blanks the free text about them (lead activity
 * notes, lost reasons) but keeps their leads, test drives, deals and revenue; the audit trail,
 * which never receives personal data, stays intact.
 */
@UseCase
@Stateless
@RolesAllowed({Role.MANAGER_NAME, Role.ADMIN_NAME})
public class CustomerService {

  @PersistenceContext(unitName = "forecourt")
  EntityManager em;

  @Inject CallerDealerships caller;

  /** Everything held about the customer, the complete record (also leads at other dealerships). */
  @Audited(entity = "customer", action = "export")
  public CustomerExport export(@EntityId long id) {
    Customer customer = customer(id, LockModeType.NONE);
    List<Lead> leads =
        ofCustomer(
            "select l from Lead l join fetch l.dealership where l.customer.id = :id order by l.id",
            id,
            Lead.class);
    if (!caller.all()) {
      Set<String> assigned = caller.assigned();
      if (leads.stream().map(l -> l.dealership().code()).noneMatch(assigned::contains)) {
        throw new NotPermitted("Customer " + id + " has no lead at your dealerships");
      }
    }
    Map<Long, List<ActivityView>> activities =
        byLead(
            ofCustomer(
                "select a from LeadActivity a where a.lead.customer.id = :id order by a.occurredAt, a.id",
                id,
                LeadActivity.class),
            ActivityView::of,
            ActivityView::leadId);
    Map<Long, List<TestDriveView>> drives =
        byLead(
            ofCustomer(
                "select t from TestDrive t where t.lead.customer.id = :id order by t.startsAt, t.id",
                id,
                TestDrive.class),
            TestDriveView::of,
            TestDriveView::leadId);
    Map<Long, List<DealView>> deals =
        byLead(
            ofCustomer(
                "select d from Deal d where d.lead.customer.id = :id order by d.id",
                id,
                Deal.class),
            DealView::of,
            DealView::leadId);
    return new CustomerExport(
        Instant.now().truncatedTo(ChronoUnit.MILLIS),
        CustomerRecord.of(customer),
        leads.stream()
            .map(
                l ->
                    new CustomerExport.LeadData(
                        LeadView.of(l),
                        activities.getOrDefault(l.id(), List.of()),
                        drives.getOrDefault(l.id(), List.of()),
                        deals.getOrDefault(l.id(), List.of())))
            .toList());
  }

  /**
   * Erases the customer's personal data: the record is pseudonymized ({@code customer-<id>}), every
   * consent withdrawn, and the notes of their leads' activities and the leads' lost reasons are
   * blanked. Leads, test drives, deals and revenue stay. Erasing again answers the same pseudonym
   * and erasure time and blanks only text added since.
   */
  @RolesAllowed(Role.ADMIN_NAME)
  @Audited(entity = "customer", action = "erase")
  public Erasure erase(@EntityId long id) {
    Customer customer = customer(id, LockModeType.PESSIMISTIC_WRITE);
    String pseudonym = "customer-" + id;
    if (!customer.isErased()) {
      customer.erase(pseudonym);
    }
    List<Lead> leads = ofCustomer("select l from Lead l where l.customer.id = :id", id, Lead.class);
    int reasons = (int) leads.stream().filter(Lead::eraseLostReason).count();
    int notes =
        (int)
            ofCustomer(
                    "select a from LeadActivity a where a.lead.customer.id = :id",
                    id,
                    LeadActivity.class)
                .stream()
                .filter(LeadActivity::eraseNote)
                .count();
    em.flush();
    return new Erasure(id, customer.lastName(), customer.erasedAt(), leads.size(), notes, reasons);
  }

  private Customer customer(long id, LockModeType lock) {
    Customer customer = em.find(Customer.class, id, lock);
    if (customer == null) {
      throw ProblemException.notFound("Customer", id);
    }
    return customer;
  }

  private <T> List<T> ofCustomer(String jpql, long id, Class<T> type) {
    return em.createQuery(jpql, type).setParameter("id", id).getResultList();
  }

  private static <E, V> Map<Long, List<V>> byLead(
      List<E> entities, Function<E, V> view, Function<V, Long> leadId) {
    return entities.stream().map(view).collect(Collectors.groupingBy(leadId));
  }
}
