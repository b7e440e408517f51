package dev.forecourt.sales.application;

import dev.forecourt.inventory.application.VehicleUnavailable;
import dev.forecourt.inventory.domain.IllegalVehicleStateException;
import dev.forecourt.inventory.domain.Money;
import dev.forecourt.inventory.domain.Vehicle;
import dev.forecourt.platform.audit.Audited;
import dev.forecourt.platform.audit.EntityId;
import dev.forecourt.platform.idempotency.IdempotencyKey;
import dev.forecourt.platform.idempotency.Idempotent;
import dev.forecourt.platform.observability.UseCase;
import dev.forecourt.platform.persistence.Jpql;
import dev.forecourt.platform.problem.InvalidFields;
import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.StaleVersion;
import dev.forecourt.platform.security.CallerDealerships;
import dev.forecourt.platform.security.DealershipOf;
import dev.forecourt.platform.security.DealershipScoped;
import dev.forecourt.platform.security.Role;
import dev.forecourt.sales.domain.Deal;
import dev.forecourt.sales.domain.IllegalLeadTransitionException;
import dev.forecourt.sales.domain.Lead;
import dev.forecourt.sales.domain.LeadStatus;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Set;

/**
 * Deals: a deal reserves its vehicle and moves the lead to NEGOTIATION; closing sells the vehicle
 * and wins the lead; cancelling releases the vehicle — each atomically. Deals of one vehicle queue
 * up on the vehicle's row lock: of two salespeople taking the same vehicle at once, exactly one
 * succeeds and the other gets 409 {@code vehicle-unavailable}.
 */
@UseCase
@Stateless
@RolesAllowed({Role.SALES_NAME, Role.MANAGER_NAME, Role.ADMIN_NAME})
public class DealService {

  @PersistenceContext(unitName = "forecourt")
  EntityManager em;

  @Inject CallerDealerships caller;

  @Inject SalesEvents events;

  @Idempotent
  @Audited(entity = "deal", action = "create")
  @DealershipScoped
  public DealView create(@NotNull @Valid DealDraft draft, @IdempotencyKey String idempotencyKey) {
    Vehicle vehicle = Sales.lockedVehicle(em, draft.vehicleId(), "vehicleId");
    Lead lead = Sales.lead(em, draft.leadId());
    Money price;
    try {
      price = Money.of(draft.salePrice(), draft.currency());
    } catch (IllegalArgumentException e) {
      throw new InvalidFields("Unknown currency", "currency", "is not an ISO 4217 currency");
    }
    Deal deal;
    LeadStatus from = lead.status();
    try {
      deal = new Deal(lead, vehicle, caller.name(), price, draft.tradeInValue(), draft.financed());
    } catch (IllegalLeadTransitionException e) {
      throw Sales.illegal(e);
    } catch (IllegalStateException e) {
      throw new VehicleUnavailable(e.getMessage());
    }
    em.persist(deal);
    deal.reserveVehicle();
    DealView view = flushed(deal);
    events.leadMoved(lead, from);
    return view;
  }

  @DealershipScoped
  public DealView deal(@DealershipOf(Deal.class) long id) {
    return DealView.of(find(id, LockModeType.NONE));
  }

  /** Deals of the caller's dealerships (all for an admin), newest first. */
  public List<DealView> search(@NotNull DealSearch search) {
    Set<String> codes = caller.scope(search.dealershipCode());
    if (codes != null && codes.isEmpty()) {
      return List.of();
    }
    return new Jpql("select d from Deal d join fetch d.dealership w")
            .and("w.code in :dealerships", "dealerships", codes)
            .and("d.status = :status", "status", search.status())
            .and("d.id < :before", "before", search.before())
            .orderBy("d.id desc")
            .query(em, Deal.class)
            .setMaxResults(search.limit())
            .getResultList()
            .stream()
            .map(DealView::of)
            .toList();
  }

  /**
   * Sells the vehicle and wins the lead, provided the deal is still at {@code expectedVersion} (the
   * version the client read, from its If-Match; else 412).
   */
  @Audited(entity = "deal", action = "close")
  @DealershipScoped
  public DealView close(@EntityId @DealershipOf(Deal.class) long id, long expectedVersion) {
    Deal deal = find(id, LockModeType.PESSIMISTIC_WRITE);
    requireVersion(deal, expectedVersion);
    LeadStatus from = deal.lead().status();
    try {
      deal.close();
    } catch (IllegalLeadTransitionException e) {
      throw Sales.illegal(e);
    } catch (IllegalStateException | IllegalVehicleStateException e) {
      throw new DealNotOpen(e.getMessage());
    }
    DealView view = flushed(deal);
    events.leadMoved(deal.lead(), from);
    events.dealClosed(deal);
    return view;
  }

  /** Releases the vehicle, provided the deal is still at {@code expectedVersion} (else 412). */
  @Audited(entity = "deal", action = "cancel")
  @DealershipScoped
  public DealView cancel(@EntityId @DealershipOf(Deal.class) long id, long expectedVersion) {
    Deal deal = find(id, LockModeType.PESSIMISTIC_WRITE);
    requireVersion(deal, expectedVersion);
    try {
      deal.cancel();
    } catch (IllegalStateException | IllegalVehicleStateException e) {
      throw new DealNotOpen(e.getMessage());
    }
    return flushed(deal);
  }

  /** 412 {@code precondition-failed} when the deal changed since the client read it. */
  private static void requireVersion(Deal deal, long expectedVersion) {
    if (deal.version() != expectedVersion) {
      throw new StaleVersion("Deal", deal.id());
    }
  }

  private Deal find(long id, LockModeType lock) {
    Deal deal = em.find(Deal.class, id, lock);
    if (deal == null) {
      throw ProblemException.notFound("Deal", id);
    }
    return deal;
  }

  /**
   * Writes now, so that a concurrent change of the lead or vehicle is a 409, not a failed commit.
   */
  private DealView flushed(Deal deal) {
    try {
      em.flush();
    } catch (OptimisticLockException e) {
      throw new DealRaced();
    }
    return DealView.of(deal);
  }
}
