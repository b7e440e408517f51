package dev.forecourt.sales.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forecourt.inventory.domain.Address;
import dev.forecourt.inventory.domain.Dealership;
import dev.forecourt.inventory.domain.IllegalVehicleStateException;
import dev.forecourt.inventory.domain.Money;
import dev.forecourt.inventory.domain.Vehicle;
import dev.forecourt.inventory.domain.VehicleHeldException;
import dev.forecourt.inventory.domain.VehicleSpec;
import dev.forecourt.inventory.domain.VehicleStatus;
import dev.forecourt.inventory.domain.Vin;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The funnel's state machine and the deal's atomic moves of lead and vehicle. */
class DealTest {

  private final Dealership berlin =
      new Dealership(
          "BER",
          "Forecourt Berlin",
          new Address("Str. 1", "Berlin", "10115", "DE"),
          ZoneId.of("Europe/Berlin"));

  private Vehicle vehicle() {
    return new Vehicle(
        Vin.of("1M8GDM9AXKP042788"),
        new VehicleSpec("Skoda", "Octavia", "Style", 2022, "grey"),
        9_000,
        Money.of(new BigDecimal("21990"), "EUR"),
        berlin);
  }

  private Lead lead(LeadStatus... path) {
    Lead lead =
        new Lead(
            new Customer("Erika", "Mustermann", null, null, false, true),
            berlin,
            null,
            LeadSource.WALK_IN,
            "sales");
    for (LeadStatus s : path) {
      lead.moveTo(s, s == LeadStatus.LOST ? "price" : null);
    }
    return lead;
  }

  private long nextId = 100;

  /**
   * A deal opened as DealService does: constructed, persisted (here: given an id), then reserving
   * its vehicle.
   */
  private Deal deal(Lead lead, Vehicle vehicle) {
    Deal deal =
        new Deal(lead, vehicle, "sales", Money.of(new BigDecimal("21000"), "EUR"), null, false);
    persisted(deal);
    deal.reserveVehicle();
    return deal;
  }

  /** The id a persist assigns (from the sequence). */
  private void persisted(Deal deal) {
    try {
      Field id = Deal.class.getDeclaredField("id");
      id.setAccessible(true);
      id.set(deal, nextId++);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void theFunnelGoesForwardOnlyAndEndsInWonOrLost() {
    assertEquals(EnumSet.of(LeadStatus.CONTACTED, LeadStatus.LOST), LeadStatus.NEW.next());
    assertEquals(
        Set.of(LeadStatus.TEST_DRIVE, LeadStatus.NEGOTIATION, LeadStatus.LOST),
        LeadStatus.QUALIFIED.next());
    assertTrue(LeadStatus.WON.next().isEmpty());
    assertTrue(LeadStatus.LOST.next().isEmpty());
    for (LeadStatus from : LeadStatus.values()) {
      assertFalse(from.canMoveTo(LeadStatus.NEW), from + " -> NEW");
      assertFalse(from.canMoveTo(from), from + " -> itself");
    }
    IllegalLeadTransitionException e =
        assertThrows(
            IllegalLeadTransitionException.class, () -> lead().moveTo(LeadStatus.QUALIFIED, null));
    assertEquals(EnumSet.of(LeadStatus.CONTACTED, LeadStatus.LOST), e.allowed());
    Lead lost = lead(LeadStatus.LOST);
    assertEquals("price", lost.lostReason());
    assertThrows(
        IllegalLeadTransitionException.class, () -> lost.moveTo(LeadStatus.CONTACTED, null));
  }

  @Test
  void aDealReservesTheVehicleAndClosingSellsItAndWinsTheLead() {
    Vehicle vehicle = vehicle();
    Lead lead = lead(LeadStatus.CONTACTED, LeadStatus.QUALIFIED);
    Deal deal = deal(lead, vehicle);
    assertEquals(VehicleStatus.RESERVED, vehicle.status());
    assertEquals(Optional.of(deal.id()), vehicle.heldByDeal());
    assertEquals(LeadStatus.NEGOTIATION, lead.status());
    assertEquals(DealStatus.RESERVED, deal.status());
    deal.close();
    assertEquals(VehicleStatus.SOLD, vehicle.status());
    assertEquals(Optional.empty(), vehicle.heldByDeal());
    assertEquals(LeadStatus.WON, lead.status());
    assertNotNull(deal.closedAt());
    assertThrows(IllegalStateException.class, deal::close);
    assertThrows(IllegalStateException.class, deal::cancel);
  }

  @Test
  void aReservedVehicleCannotBeDealtAgainUntilTheDealIsCancelled() {
    Vehicle vehicle = vehicle();
    Deal first = deal(lead(LeadStatus.CONTACTED, LeadStatus.QUALIFIED), vehicle);
    Lead other = lead(LeadStatus.CONTACTED, LeadStatus.QUALIFIED);
    assertThrows(IllegalStateException.class, () -> deal(other, vehicle));
    assertEquals(LeadStatus.QUALIFIED, other.status(), "a refused deal leaves the lead as it was");
    first.cancel();
    assertEquals(VehicleStatus.AVAILABLE, vehicle.status());
    assertEquals(Optional.empty(), vehicle.heldByDeal());
    Deal second = deal(other, vehicle);
    assertEquals(VehicleStatus.RESERVED, vehicle.status());
    assertEquals(Optional.of(second.id()), vehicle.heldByDeal());
  }

  @Test
  void aVehicleHeldByADealIsSoldOrReleasedByThatDealOnly() {
    Vehicle vehicle = vehicle();
    Deal deal = deal(lead(LeadStatus.CONTACTED, LeadStatus.QUALIFIED), vehicle);
    VehicleHeldException byHand =
        assertThrows(VehicleHeldException.class, () -> vehicle.changeStatus(VehicleStatus.SOLD));
    assertEquals(deal.id(), byHand.dealId());
    assertThrows(VehicleHeldException.class, () -> vehicle.changeStatus(VehicleStatus.AVAILABLE));
    assertThrows(IllegalVehicleStateException.class, () -> vehicle.sell(deal.id() + 1));
    assertThrows(IllegalVehicleStateException.class, () -> vehicle.release(deal.id() + 1));
    assertEquals(VehicleStatus.RESERVED, vehicle.status());
    deal.cancel();
    assertEquals(VehicleStatus.AVAILABLE, vehicle.status());
  }

  @Test
  void aDealReservesItsVehicleOnlyOncePersisted() {
    Vehicle vehicle = vehicle();
    Deal deal =
        new Deal(
            lead(LeadStatus.CONTACTED, LeadStatus.QUALIFIED),
            vehicle,
            "sales",
            Money.of(new BigDecimal("21000"), "EUR"),
            null,
            false);
    assertThrows(IllegalStateException.class, deal::reserveVehicle);
    assertEquals(VehicleStatus.AVAILABLE, vehicle.status());
  }

  @Test
  void aLeadThatIsNotQualifiedCannotNegotiate() {
    Vehicle vehicle = vehicle();
    assertThrows(
        IllegalLeadTransitionException.class, () -> deal(lead(LeadStatus.CONTACTED), vehicle));
    assertEquals(
        VehicleStatus.AVAILABLE, vehicle.status(), "a refused deal leaves the vehicle as it was");
  }
}
