package dev.forecourt.sales.application;

import dev.forecourt.inventory.application.VehicleUnavailable;
import dev.forecourt.inventory.domain.Vehicle;
import dev.forecourt.inventory.domain.VehicleStatus;
import dev.forecourt.platform.audit.Audited;
import dev.forecourt.platform.audit.EntityId;
import dev.forecourt.platform.observability.UseCase;
import dev.forecourt.platform.persistence.Jpql;
import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.security.CallerDealerships;
import dev.forecourt.platform.security.DealershipOf;
import dev.forecourt.platform.security.DealershipScoped;
import dev.forecourt.platform.security.Role;
import dev.forecourt.sales.domain.Lead;
import dev.forecourt.sales.domain.LeadStatus;
import dev.forecourt.sales.domain.TestDrive;
import dev.forecourt.sales.domain.TestDriveStatus;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

/**
 * Test drives: booked against the vehicle's and the salesperson's other bookings. Bookings of one
 * vehicle queue up on its row lock, those of one salesperson on the salesperson's row of the
 * schedule (taken second), so two overlapping bookings of either can never both succeed.
 */
@UseCase
@Stateless
@RolesAllowed({Role.SALES_NAME, Role.MANAGER_NAME, Role.ADMIN_NAME})
public class TestDriveService {

  @PersistenceContext(unitName = "forecourt")
  EntityManager em;

  @Inject CallerDealerships caller;

  @Inject SalesEvents events;

  /**
   * Books a test drive for a QUALIFIED lead (moving it to TEST_DRIVE) or one already test-driving
   * or negotiating. The lead's salesperson drives (or the caller when nobody is assigned).
   */
  @Audited(entity = "test-drive", action = "schedule")
  @DealershipScoped
  public TestDriveView schedule(@NotNull @Valid TestDriveDraft draft) {
    Vehicle vehicle = Sales.lockedVehicle(em, draft.vehicleId(), "vehicleId");
    if (vehicle.status() == VehicleStatus.SOLD) {
      throw new VehicleUnavailable("Vehicle " + vehicle.id() + " is sold");
    }
    Lead lead = Sales.lead(em, draft.leadId());
    Instant starts = draft.startsAt().truncatedTo(ChronoUnit.MICROS);
    Instant ends = starts.plus(Duration.ofMinutes(draft.durationMinutes()));
    String salesperson = lead.assignedTo() != null ? lead.assignedTo() : caller.name();
    Sales.lockSalesperson(em, salesperson);
    if (overlapping("t.vehicle.id = :who", vehicle.id(), starts, ends)) {
      throw new DoubleBooking(
          "Vehicle "
              + vehicle.id()
              + " is already booked for a test drive between "
              + starts
              + " and "
              + ends);
    }
    if (overlapping("t.salesperson = :who", salesperson, starts, ends)) {
      throw new DoubleBooking(
          "Salesperson "
              + salesperson
              + " already has a test drive between "
              + starts
              + " and "
              + ends);
    }
    LeadStatus from = lead.status();
    if (lead.status() == LeadStatus.QUALIFIED) {
      lead.moveTo(LeadStatus.TEST_DRIVE, null);
    } else if (lead.status() != LeadStatus.TEST_DRIVE && lead.status() != LeadStatus.NEGOTIATION) {
      throw Sales.illegal(
          "A test drive needs a QUALIFIED lead; lead " + lead.id() + " is " + lead.status(),
          lead.status().next());
    }
    TestDrive drive = new TestDrive(lead, vehicle, salesperson, starts, ends);
    em.persist(drive);
    em.flush();
    events.leadMoved(lead, from);
    events.testDriveScheduled(drive);
    return TestDriveView.of(drive);
  }

  private boolean overlapping(String who, Object value, Instant starts, Instant ends) {
    return em.createQuery(
                "select count(t) from TestDrive t where "
                    + who
                    + " and t.status = :scheduled and t.startsAt < :ends and t.endsAt > :starts",
                Long.class)
            .setParameter("who", value)
            .setParameter("scheduled", TestDriveStatus.SCHEDULED)
            .setParameter("starts", starts)
            .setParameter("ends", ends)
            .getSingleResult()
        > 0;
  }

  @Audited(entity = "test-drive", action = "cancel")
  @DealershipScoped
  public TestDriveView cancel(@EntityId @DealershipOf(TestDrive.class) long id) {
    TestDrive drive = em.find(TestDrive.class, id);
    if (drive == null) {
      throw ProblemException.notFound("Test drive", id);
    }
    if (drive.status() == TestDriveStatus.CANCELLED) {
      throw new TestDriveAlreadyCancelled(id);
    }
    drive.cancel();
    em.flush();
    return TestDriveView.of(drive);
  }

  /**
   * The test drives of the caller's dealerships (all for an admin) that start in [from, to), by
   * start.
   */
  public List<TestDriveView> search(@NotNull TestDriveSearch search) {
    Set<String> codes = caller.scope(search.dealershipCode());
    if (codes != null && codes.isEmpty()) {
      return List.of();
    }
    return new Jpql("select t from TestDrive t join fetch t.dealership w")
            .and("w.code in :dealerships", "dealerships", codes)
            .and("t.startsAt >= :from", "from", search.from())
            .and("t.startsAt < :to", "to", search.to())
            .and("t.status = :status", "status", search.status())
            .orderBy("t.startsAt, t.id")
            .query(em, TestDrive.class)
            .setMaxResults(search.limit())
            .getResultList()
            .stream()
            .map(TestDriveView::of)
            .toList();
  }

  /** The scheduled test drives of a vehicle, by start. */
  @DealershipScoped
  public List<TestDriveView> ofVehicle(@DealershipOf(Vehicle.class) long vehicleId) {
    return em
        .createQuery(
            "select t from TestDrive t where t.vehicle.id = :v and t.status = :scheduled order by t.startsAt",
            TestDrive.class)
        .setParameter("v", vehicleId)
        .setParameter("scheduled", TestDriveStatus.SCHEDULED)
        .getResultList()
        .stream()
        .map(TestDriveView::of)
        .toList();
  }
}
