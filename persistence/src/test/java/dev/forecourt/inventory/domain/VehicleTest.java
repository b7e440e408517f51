package dev.forecourt.inventory.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class VehicleTest {

  private final Dealership dealership =
      new Dealership("BER", "Forecourt Berlin", new Address("Str. 1", "Berlin", "10115", "DE"), ZoneId.of("Europe/Berlin"));

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
  void negativePriceOrMileageIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> Money.of(new BigDecimal("-1"), "EUR"));
    Vehicle v = vehicle();
    VehicleSpec spec = v.spec();
    assertThrows(IllegalArgumentException.class, () -> v.describe(spec, -5));
  }
}
