package dev.forecourt.sales.application;

import dev.forecourt.platform.audit.Audited;
import dev.forecourt.platform.audit.EntityId;
import dev.forecourt.platform.idempotency.IdempotencyKey;
import dev.forecourt.platform.idempotency.Idempotent;
import dev.forecourt.platform.observability.UseCase;
import dev.forecourt.platform.persistence.Jpql;
import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.StaleVersion;
import dev.forecourt.platform.security.ApiKeyScope;
import dev.forecourt.platform.security.CallerDealerships;
import dev.forecourt.platform.security.DealershipOf;
import dev.forecourt.platform.security.DealershipScoped;
import dev.forecourt.platform.security.Role;
import dev.forecourt.sales.domain.IllegalLeadTransitionException;
import dev.forecourt.sales.domain.Lead;
import dev.forecourt.sales.domain.LeadActivity;
import dev.forecourt.sales.domain.LeadStatus;
import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Leads: creation (by staff, or by integrators with {@code leads:write}), the funnel's transitions,
 * activities and assignment. Staff work on the leads of their dealerships only.
 */
@UseCase
@Stateless
@DeclareRoles({
  Role.SALES_NAME,
  Role.MANAGER_NAME,
  Role.ADMIN_NAME,
  Role.INTEGRATOR_NAME,
  ApiKeyScope.LEADS_WRITE
})
@RolesAllowed({Role.SALES_NAME, Role.MANAGER_NAME, Role.ADMIN_NAME})
public class LeadService {

  @PersistenceContext(unitName = "forecourt")
  EntityManager em;

  @Resource SessionContext context;

  @Inject CallerDealerships caller;

  @Inject SalesEvents events;

  /**
   * A new lead (and customer, unless an existing one is named), NEW; a sales caller is assigned to
   * it.
   */
  @RolesAllowed({Role.SALES_NAME, Role.MANAGER_NAME, Role.ADMIN_NAME, ApiKeyScope.LEADS_WRITE})
  @Idempotent
  @Audited(entity = "lead", action = "create")
  @DealershipScoped
  public LeadView create(@NotNull @Valid LeadDraft draft, @IdempotencyKey String idempotencyKey) {
    Lead lead =
        Sales.newLead(
            em,
            draft,
            context.isCallerInRole(Role.SALES_NAME) ? caller.name() : null,
            caller.name(),
            null);
    events.leadCreated(lead);
    return LeadView.of(lead);
  }

  @DealershipScoped
  public LeadView lead(@DealershipOf(Lead.class) long id) {
    return LeadView.of(Sales.lead(em, id));
  }

  /** Leads of the caller's dealerships (all for an admin), newest first. */
  public List<LeadView> search(@NotNull LeadSearch search) {
    Set<String> codes = caller.scope(search.dealershipCode());
    if (codes != null && codes.isEmpty()) {
      return List.of();
    }
    TypedQuery<Lead> query =
        new Jpql("select l from Lead l join fetch l.dealership d")
            .and("d.code in :dealerships", "dealerships", codes)
            .and("l.status = :status", "status", search.status())
            .and("l.assignedTo = :assignedTo", "assignedTo", search.assignedTo())
            .and("l.id < :before", "before", search.before())
            .orderBy("l.id desc")
            .query(em, Lead.class);
    return query.setMaxResults(search.limit()).getResultList().stream().map(LeadView::of).toList();
  }

  /**
   * Moves the lead along the funnel, provided it is still at {@code expectedVersion} (the version
   * the client read, from its If-Match; else 412). WON is reached by closing a deal, never
   * directly; LOST needs a reason. An illegal move → 409 {@code illegal-transition} naming the
   * allowed stages.
   */
  @Audited(entity = "lead", action = "transition")
  @DealershipScoped
  public LeadView transition(
      @EntityId @DealershipOf(Lead.class) long id,
      long expectedVersion,
      @NotNull @Valid LeadTransition transition) {
    Lead lead = em.find(Lead.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (lead == null) {
      throw ProblemException.notFound("Lead", id);
    }
    requireVersion(lead, expectedVersion);
    if (transition.status() == LeadStatus.WON) {
      Set<LeadStatus> allowed = EnumSet.noneOf(LeadStatus.class);
      allowed.addAll(lead.status().next());
      allowed.remove(LeadStatus.WON);
      throw Sales.illegal(
          "A lead is won by closing its deal (POST /deals/{id}/close), not by a transition",
          allowed);
    }
    if (transition.status() == LeadStatus.LOST
        && (transition.reason() == null || transition.reason().isBlank())) {
      throw new LossReasonMissing();
    }
    LeadStatus from = lead.status();
    try {
      lead.moveTo(transition.status(), transition.reason());
    } catch (IllegalLeadTransitionException e) {
      throw Sales.illegal(e);
    }
    events.leadMoved(lead, from);
    em.flush();
    return LeadView.of(lead);
  }

  @Audited(entity = "lead", action = "add-activity")
  @DealershipScoped
  public ActivityView addActivity(
      @EntityId @DealershipOf(Lead.class) long id, @NotNull @Valid ActivityDraft activity) {
    LeadActivity a =
        new LeadActivity(Sales.lead(em, id), activity.kind(), activity.note(), caller.name());
    em.persist(a);
    em.flush();
    return ActivityView.of(a);
  }

  @DealershipScoped
  public List<ActivityView> activities(@DealershipOf(Lead.class) long id) {
    Sales.lead(em, id);
    return em
        .createQuery(
            "select a from LeadActivity a where a.lead.id = :id order by a.occurredAt, a.id",
            LeadActivity.class)
        .setParameter("id", id)
        .getResultList()
        .stream()
        .map(ActivityView::of)
        .toList();
  }

  /**
   * Assigns the lead to a salesperson (managers and admins), provided it is still at {@code
   * expectedVersion}.
   */
  @RolesAllowed({Role.MANAGER_NAME, Role.ADMIN_NAME})
  @Audited(entity = "lead", action = "assign")
  @DealershipScoped
  public LeadView assign(
      @EntityId @DealershipOf(Lead.class) long id,
      long expectedVersion,
      @NotNull @Valid Assignment assignment) {
    Lead lead = em.find(Lead.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (lead == null) {
      throw ProblemException.notFound("Lead", id);
    }
    requireVersion(lead, expectedVersion);
    lead.assignTo(assignment.salesperson().trim());
    em.flush();
    return LeadView.of(lead);
  }

  /** 412 {@code precondition-failed} when the lead changed since the client read it. */
  private static void requireVersion(Lead lead, long expectedVersion) {
    if (lead.version() != expectedVersion) {
      throw new StaleVersion("Lead", lead.id());
    }
  }
}
