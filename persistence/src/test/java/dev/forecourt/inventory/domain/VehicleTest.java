package dev.forecourt.inventory.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VehicleTest {

  private final Dealership dealership =
      new Dealership(
          "BER",
          "Forecourt Berlin",
          new Address("Str. 1", "Berlin", "10115", "DE"),
          ZoneId.of("Europe/Berlin"));

  private Vehicle vehicle() {
    return new Vehicle(
        Vin.of("1M8GDM9AXKP042788"),
        new VehicleSpec("Volkswagen", "Golf", "Life", 2022, "blue"),
        12_000,
        Money.of(new BigDecimal("24990"), "EUR"),
        dealership);
  }

  @Test
  void listingRecordsTheFirstPrice() {
    Vehicle v = vehicle();
    assertEquals(VehicleStatus.AVAILABLE, v.status());
    assertEquals(1, v.priceHistory().size());
    assertNull(v.priceHistory().get(0).oldPrice());
    assertEquals(new BigDecimal("24990.00"), v.listPrice().amount());
  }

  @Test
  void repricingAppendsHistoryOnlyOnRealChange() {
    Vehicle v = vehicle();
    v.reprice(Money.of(new BigDecimal("24990.00"), "EUR"));
    assertEquals(1, v.priceHistory().size());
    v.reprice(Money.of(new BigDecimal("23990"), "EUR"));
    assertEquals(2, v.priceHistory().size());
    assertEquals(Money.of(new BigDecimal("24990"), "EUR"), v.priceHistory().get(1).oldPrice());
  }

  @Test
  void soldVehicleStaysSold() {
    Vehicle v = vehicle();
    v.changeStatus(VehicleStatus.RESERVED);
    v.changeStatus(VehicleStatus.SOLD);
    assertThrows(IllegalVehicleStateException.class, () -> v.changeStatus(VehicleStatus.AVAILABLE));
  }

  @Test
  void aDealReservesSellsOrReleasesAndHoldsTheVehicleMeanwhile() {
    Vehicle v = vehicle();
    v.reserve(7);
    assertEquals(VehicleStatus.RESERVED, v.status());
    assertEquals(Optional.of(7L), v.heldByDeal());
    // a second deal cannot take it, nor staff change its status by hand
    assertThrows(IllegalVehicleStateException.class, () -> v.reserve(8));
    VehicleHeldException held =
        assertThrows(VehicleHeldException.class, () -> v.changeStatus(VehicleStatus.AVAILABLE));
    assertEquals(7L, held.dealId());
    assertTrue(held.getMessage().contains("deal 7"), held.getMessage());
    assertThrows(VehicleHeldException.class, () -> v.changeStatus(VehicleStatus.SOLD));
    v.changeStatus(VehicleStatus.RESERVED); // no change: fine
    // only the holding deal sells or releases it
    assertThrows(IllegalVehicleStateException.class, () -> v.sell(8));
    assertThrows(IllegalVehicleStateException.class, () -> v.release(8));
    assertEquals(VehicleStatus.RESERVED, v.status());
    v.release(7);
    assertEquals(VehicleStatus.AVAILABLE, v.status());
    assertEquals(Optional.empty(), v.heldByDeal());
    assertThrows(IllegalVehicleStateException.class, () -> v.release(7));

    v.reserve(9);
    v.sell(9);
    assertEquals(VehicleStatus.SOLD, v.status());
    assertEquals(Optional.empty(), v.heldByDeal());
    assertThrows(IllegalVehicleStateException.class, () -> v.reserve(10));
    assertThrows(IllegalVehicleStateException.class, () -> v.changeStatus(VehicleStatus.AVAILABLE));
  }

  @Test
  void aVehicleReservedByHandIsNotHeldAndCannotBeTakenByADeal() {
    Vehicle v = vehicle();
    v.changeStatus(VehicleStatus.RESERVED);
    assertEquals(Optional.empty(), v.heldByDeal());
    assertThrows(IllegalVehicleStateException.class, () -> v.reserve(7));
    assertThrows(IllegalVehicleStateException.class, () -> v.sell(7));
    v.changeStatus(VehicleStatus.AVAILABLE);
    assertEquals(VehicleStatus.AVAILABLE, v.status());
  }

  @Test
  void negativePriceOrMileageIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> Money.of(new BigDecimal("-1"), "EUR"));
    Vehicle v = vehicle();
    VehicleSpec spec = v.spec();
    assertThrows(IllegalArgumentException.class, () -> v.describe(spec, -5));
  }
}
