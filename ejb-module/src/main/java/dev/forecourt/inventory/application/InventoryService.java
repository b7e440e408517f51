package dev.forecourt.inventory.application;

import dev.forecourt.inventory.domain.Dealership;
import dev.forecourt.inventory.domain.IllegalVehicleStateException;
import dev.forecourt.inventory.domain.Money;
import dev.forecourt.inventory.domain.Vehicle;
import dev.forecourt.inventory.domain.VehicleHeldException;
import dev.forecourt.inventory.domain.VehicleSpec;
import dev.forecourt.inventory.domain.VehicleStatus;
import dev.forecourt.inventory.domain.VehicleViewRecord;
import dev.forecourt.inventory.domain.Vin;
import dev.forecourt.platform.audit.Audited;
import dev.forecourt.platform.audit.EntityId;
import dev.forecourt.platform.events.DomainEvents;
import dev.forecourt.platform.events.EventType;
import dev.forecourt.platform.observability.RequestOrigin;
import dev.forecourt.platform.observability.UseCase;
import dev.forecourt.platform.persistence.IntegrityViolation;
import dev.forecourt.platform.persistence.Jpql;
import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.SignInRequired;
import dev.forecourt.platform.problem.StaleVersion;
import dev.forecourt.platform.security.ApiKeyScope;
import dev.forecourt.platform.security.CallerDealerships;
import dev.forecourt.platform.security.DealershipOf;
import dev.forecourt.platform.security.DealershipScoped;
import dev.forecourt.platform.security.Role;
import dev.forecourt.platform.security.Sha256;
import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The inventory use cases: search, read, list, change and remove vehicles; list dealerships. Reads
 * are public, but anonymous callers (dealer websites) see AVAILABLE vehicles only, and staff see
 * RESERVED and SOLD ones of their own dealerships only (admins of all), in searches and single
 * reads alike; changes need a staff role and are scoped to the caller's dealerships.
 */
@UseCase
@Stateless
@DeclareRoles({
  Role.SALES_NAME,
  Role.MANAGER_NAME,
  Role.ADMIN_NAME,
  Role.INTEGRATOR_NAME,
  ApiKeyScope.INVENTORY_READ,
  ApiKeyScope.INVENTORY_WRITE
})
@PermitAll
public class InventoryService {

  @EJB DomainEvents events;

  @PersistenceContext(unitName = "forecourt")
  EntityManager em;

  /** The {@link #audience()} of callers who are not staff. */
  public static final String PUBLIC = "public";

  /** A visitor id a dealer website may send (X-Visitor-Id). */
  private static final Pattern VISITOR_ID = Pattern.compile("[A-Za-z0-9._:-]{8,100}");

  @Resource SessionContext caller;

  @Inject RequestOrigin origin;

  @Inject CallerDealerships dealerships;

  /** One page of vehicles matching {@code search}, in its sort order, after its cursor. */
  public Page<VehicleView> search(@NotNull VehicleSearch search) {
    VehicleSort sort = search.sort() == null ? VehicleSort.DEFAULT : search.sort();
    boolean staff = staff();
    Jpql jpql =
        new Jpql("select v from Vehicle v join fetch v.dealership d")
            .and("v.spec.make = :make", "make", search.make())
            .and("v.spec.model = :model", "model", search.model())
            .and("v.spec.modelYear >= :yearFrom", "yearFrom", search.yearFrom())
            .and("v.spec.modelYear <= :yearTo", "yearTo", search.yearTo())
            .and("v.listPrice.amount >= :priceMin", "priceMin", search.priceMin())
            .and("v.listPrice.amount <= :priceMax", "priceMax", search.priceMax())
            .and("v.status = :status", "status", visibleStatus(staff, search.status()))
            .and("d.code = :dealership", "dealership", search.dealershipCode());
    Set<String> scope = staff ? staffScope() : null;
    if (scope != null) {
      // staff see other rooftops' public stock only: RESERVED and SOLD vehicles of their own
      if (scope.isEmpty()) {
        jpql.and("v.status = :publicStatus", "publicStatus", VehicleStatus.AVAILABLE);
      } else {
        jpql.and("v.status = :publicStatus or d.code in :mine")
            .param("publicStatus", VehicleStatus.AVAILABLE)
            .param("mine", scope);
      }
    }

    String path = sort.field().path();
    String direction = sort.descending() ? "desc" : "asc";
    if (search.cursor() != null) {
      Cursor cursor = Cursor.decode(search.cursor(), sort);
      String after = sort.descending() ? "<" : ">";
      // (path, id) after (value, id) as a row-value comparison, which JPQL lacks; the first,
      // redundant condition is what bounds the index scan on (path, id) where the page starts
      jpql.and(path + " " + after + "= :cursorValue")
          .and(
              path
                  + " "
                  + after
                  + " :cursorValue or ("
                  + path
                  + " = :cursorValue and v.id "
                  + after
                  + " :cursorId)")
          .param("cursorValue", cursor.value())
          .param("cursorId", cursor.id());
    }
    jpql.orderBy(path + " " + direction + ", v.id " + direction);

    TypedQuery<Vehicle> query = jpql.query(em, Vehicle.class);
    List<Vehicle> rows = query.setMaxResults(search.limit() + 1).getResultList();

    List<VehicleView> items =
        new ArrayList<>(rows.stream().limit(search.limit()).map(VehicleView::of).toList());
    Optional<String> next =
        rows.size() > search.limit()
            ? Optional.of(Cursor.after(sort, items.get(items.size() - 1)).encode())
            : Optional.empty();
    return new Page<>(items, next);
  }

  /**
   * The caller's visibility class, the one thing besides the request that decides what the reads
   * answer (the response cache keys answers by it): {@code public} for anyone who is not staff
   * (AVAILABLE vehicles only), {@code staff:*} for admins (every vehicle), else {@code staff:} and
   * the assigned dealerships, sorted (their RESERVED and SOLD vehicles besides the AVAILABLE ones).
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public String audience() {
    if (!staff()) {
      return PUBLIC;
    }
    Set<String> scope = staffScope();
    return scope == null ? "staff:*" : "staff:" + String.join(",", new TreeSet<>(scope));
  }

  public VehicleView vehicle(long id) {
    return VehicleView.of(visible(id));
  }

  /**
   * Counts a view of the vehicle's page (dealer websites call this beside showing it): once per
   * visitor per hour, also when the same visitor's views arrive at once or on several nodes (the
   * table's key, an insert that ignores a present key). The visitor is the well-formed {@code
   * visitorId} (8..100 of {@code A-Z a-z 0-9 . _ : -}), else the client address with the user
   * agent; only a SHA-256 over the hour and that identity is stored. The vehicle must be one the
   * caller may see (404 otherwise).
   */
  public void recordView(long id, String visitorId, String userAgent) {
    visible(id);
    long hour = VehicleViewRecord.hourOf(Instant.now());
    String identity =
        visitorId != null && VISITOR_ID.matcher(visitorId).matches()
            ? "id:" + visitorId
            : "client:" + origin.clientIp() + "|" + userAgent;
    em.createNativeQuery(
            "insert into vehicle_view (vehicle_id, visitor, epoch_hour) values (?1, ?2, ?3)"
                + " on conflict do nothing")
        .setParameter(1, id)
        .setParameter(2, Sha256.hex(hour + "|" + identity))
        .setParameter(3, hour)
        // Hibernate: this statement touches vehicle_view only (else it evicts every second-level
        // cache region)
        .setHint("org.hibernate.query.native.spaces", "vehicle_view")
        .executeUpdate();
  }

  /**
   * The vehicle, if the caller may see it: AVAILABLE ones anyone, others staff of its dealership
   * (and admins); 404 otherwise, as for a vehicle that is not there.
   */
  private Vehicle visible(long id) {
    Vehicle vehicle = find(id);
    if (vehicle.status() != VehicleStatus.AVAILABLE) {
      Set<String> scope = staff() ? staffScope() : Set.of();
      if (scope != null && !scope.contains(vehicle.dealership().code())) {
        throw ProblemException.notFound("Vehicle", id);
      }
    }
    return vehicle;
  }

  /**
   * The dealerships whose RESERVED and SOLD vehicles a staff caller sees: null for all (an admin),
   * else those assigned to it (a token's claim, an API key's). Only for staff callers: it does not
   * ask {@link #staff()} again (each role check is a JACC permission check; the bench's profile of
   * a signed-in read had over half of {@link #audience()} in them, when it asked twice).
   */
  private Set<String> staffScope() {
    return dealerships.all() ? null : dealerships.assigned();
  }

  /**
   * Staff see every status; anyone else AVAILABLE only (and asking for another needs a sign-in).
   */
  private VehicleStatus visibleStatus(boolean staff, VehicleStatus requested) {
    if (staff) {
      return requested;
    }
    if (requested != null && requested != VehicleStatus.AVAILABLE) {
      throw new SignInRequired("Sign in to see vehicles that are " + requested);
    }
    return VehicleStatus.AVAILABLE;
  }

  private boolean staff() {
    return caller.isCallerInRole(Role.SALES_NAME)
        || caller.isCallerInRole(Role.MANAGER_NAME)
        || caller.isCallerInRole(Role.ADMIN_NAME)
        || caller.isCallerInRole(ApiKeyScope.INVENTORY_READ)
        || caller.isCallerInRole(ApiKeyScope.INVENTORY_WRITE);
  }

  /** Lists a new vehicle, AVAILABLE at the draft's dealership. */
  @RolesAllowed({Role.SALES_NAME, Role.MANAGER_NAME, Role.ADMIN_NAME, ApiKeyScope.INVENTORY_WRITE})
  @Audited(entity = "vehicle", action = "create")
  @DealershipScoped
  public VehicleView list(@NotNull @Valid VehicleDraft draft) {
    Dealership dealership = Dealerships.byCode(em, draft.dealershipCode());
    Vin vin = Vin.of(draft.vin());
    if (vinExists(vin)) {
      throw new DuplicateVin(vin);
    }
    Vehicle vehicle =
        new Vehicle(
            vin,
            spec(draft),
            draft.mileage(),
            Money.of(draft.price(), draft.currency()),
            dealership);
    em.persist(vehicle);
    try {
      em.flush();
    } catch (PersistenceException e) {
      if (IntegrityViolation.isCauseOf(e)) {
        // the unique constraint caught a concurrent listing of the same VIN
        throw new DuplicateVin(vin);
      }
      throw e;
    }
    return VehicleView.of(vehicle);
  }

  /**
   * Replaces the writable state of vehicle {@code id}, provided it is still at {@code
   * expectedVersion} (the version the client read, from its If-Match).
   */
  @RolesAllowed({Role.SALES_NAME, Role.MANAGER_NAME, Role.ADMIN_NAME, ApiKeyScope.INVENTORY_WRITE})
  @Audited(entity = "vehicle", action = "update")
  @DealershipScoped
  public VehicleView update(
      @EntityId @DealershipOf(Vehicle.class) long id,
      long expectedVersion,
      @NotNull @Valid VehicleDraft draft) {
    Vehicle vehicle = find(id);
    if (vehicle.version() != expectedVersion) {
      throw stale(id);
    }
    if (!vehicle.vin().equals(Vin.of(draft.vin()))) {
      throw new VinCannotChange(vehicle.vin());
    }
    Money oldPrice = vehicle.listPrice();
    VehicleStatus oldStatus = vehicle.status();
    try {
      vehicle.describe(spec(draft), draft.mileage());
      vehicle.reprice(Money.of(draft.price(), draft.currency()));
      vehicle.transferTo(Dealerships.byCode(em, draft.dealershipCode()));
      if (draft.status() != null) {
        vehicle.changeStatus(draft.status());
      }
      em.flush();
    } catch (VehicleHeldException e) {
      throw new VehicleHeld(e);
    } catch (IllegalVehicleStateException e) {
      throw new IllegalStatusChange(e);
    } catch (OptimisticLockException e) {
      throw stale(id);
    }
    publishChanges(vehicle, oldPrice, oldStatus);
    return VehicleView.of(vehicle);
  }

  /** {@code vehicle.price_changed} and (when staff mark it sold by hand) {@code vehicle.sold}. */
  private void publishChanges(Vehicle vehicle, Money oldPrice, VehicleStatus oldStatus) {
    if (!vehicle.listPrice().equals(oldPrice)) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("vehicleId", vehicle.id());
      data.put("vin", vehicle.vin().toString());
      data.put("dealership", vehicle.dealership().code());
      data.put("oldPrice", oldPrice.amount().toPlainString());
      data.put("oldCurrency", oldPrice.currency());
      data.put("newPrice", vehicle.listPrice().amount().toPlainString());
      data.put("currency", vehicle.listPrice().currency());
      events.publish(EventType.VEHICLE_PRICE_CHANGED, "vehicle", vehicle.id(), data);
    }
    if (oldStatus != VehicleStatus.SOLD && vehicle.status() == VehicleStatus.SOLD) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("vehicleId", vehicle.id());
      data.put("vin", vehicle.vin().toString());
      data.put("dealership", vehicle.dealership().code());
      events.publish(EventType.VEHICLE_SOLD, "vehicle", vehicle.id(), data);
    }
  }

  /** A vehicle's price history, oldest first: staff of its dealership, keys that read inventory. */
  @RolesAllowed({Role.SALES_NAME, Role.MANAGER_NAME, Role.ADMIN_NAME, ApiKeyScope.INVENTORY_READ})
  @DealershipScoped
  public List<PriceChangeView> priceHistory(@DealershipOf(Vehicle.class) long id) {
    return find(id).priceHistory().stream().map(PriceChangeView::of).toList();
  }

  /** Removes a vehicle that was never sold, with its price history and valuations. */
  @RolesAllowed({Role.SALES_NAME, Role.MANAGER_NAME, Role.ADMIN_NAME, ApiKeyScope.INVENTORY_WRITE})
  @Audited(entity = "vehicle", action = "delete")
  @DealershipScoped
  public void remove(@EntityId @DealershipOf(Vehicle.class) long id) {
    Vehicle vehicle = find(id);
    if (!vehicle.isRemovable()) {
      throw new SoldVehicleStays();
    }
    if (vehicle.heldByDeal().isPresent()) {
      throw new VehicleHeld(new VehicleHeldException(id, vehicle.heldByDeal().get(), "removed"));
    }
    em.createQuery("delete from Valuation w where w.vehicleId = :id")
        .setParameter("id", id)
        .executeUpdate();
    em.remove(vehicle);
  }

  public List<DealershipView> dealerships() {
    return em
        .createQuery("select d from Dealership d order by d.code", Dealership.class)
        .getResultList()
        .stream()
        .map(DealershipView::of)
        .toList();
  }

  private Vehicle find(long id) {
    Vehicle vehicle = em.find(Vehicle.class, id);
    if (vehicle == null) {
      throw ProblemException.notFound("Vehicle", id);
    }
    return vehicle;
  }

  private boolean vinExists(Vin vin) {
    return em.createQuery("select count(v) from Vehicle v where v.vin.value = :vin", Long.class)
            .setParameter("vin", vin.value())
            .getSingleResult()
        > 0;
  }

  private static VehicleSpec spec(VehicleDraft draft) {
    return new VehicleSpec(
        draft.make(), draft.model(), draft.trim(), draft.modelYear(), draft.colour());
  }

  private static StaleVersion stale(long id) {
    return new StaleVersion("Vehicle", id);
  }
}
