package dev.forecourt.inventory.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forecourt.inventory.domain.VehicleStatus;
import dev.forecourt.platform.persistence.SchemaState;
import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;
import dev.forecourt.testing.Deployments;
import dev.forecourt.testing.TestData;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The inventory service and its JPA mapping, in the container, on the persistence provider the
 * build selects (Hibernate ORM + Infinispan, or EclipseLink): schema by Flyway, mapping round
 * trips, keyset pagination, optimistic locking, the business rules and the second-level cache.
 */
@ExtendWith(ArquillianExtension.class)
@Tag("persistence")
class InventoryServiceIT {

  @Deployment
  static WebArchive deployment() {
    return Deployments.inventory("inventory-it");
  }

  @Inject InventoryService inventory;
  @Inject TestData data;
  @Inject SchemaState migration;

  private VehicleDraft draft(String dealership, String vin, int year, int mileage, String price) {
    return new VehicleDraft(
        vin,
        "Volkswagen",
        "Golf",
        "Life",
        year,
        mileage,
        "blue",
        new BigDecimal(price),
        "EUR",
        null,
        dealership);
  }

  @Test
  void flywayMigratedTheSchemaAtDeployment() {
    // No migration shipped in the persistence jar is left pending, and the history reaches at
    // least the API-key migration (V3); new migrations must not break this test.
    assertTrue(migration.isComplete());
    assertTrue(Integer.parseInt(migration.version()) >= 3, migration.version());
  }

  @Test
  void aListedVehicleReadsBackWithAllItsFields() {
    String dealership = data.dealership();
    String vin = TestData.vin();
    VehicleView listed = inventory.list(draft(dealership, vin, 2021, 30_500, "18990.5"));

    VehicleView read = inventory.vehicle(listed.id());
    assertEquals(vin, read.vin());
    assertEquals("Volkswagen", read.make());
    assertEquals("Golf", read.model());
    assertEquals("Life", read.trim());
    assertEquals(2021, read.modelYear());
    assertEquals(30_500, read.mileage());
    assertEquals("blue", read.colour());
    assertEquals(0, new BigDecimal("18990.50").compareTo(read.price()));
    assertEquals("EUR", read.currency());
    assertEquals(VehicleStatus.AVAILABLE, read.status());
    assertEquals(dealership, read.dealershipCode());
    assertEquals(listed.createdAt(), read.createdAt());
    assertEquals(1, data.priceChanges(listed.id()));
  }

  @Test
  void aDuplicateVinIsAConflict() {
    String dealership = data.dealership();
    String vin = TestData.vin();
    inventory.list(draft(dealership, vin, 2020, 1, "1000"));
    ProblemException e =
        assertThrows(
            ProblemException.class, () -> inventory.list(draft(dealership, vin, 2020, 1, "1000")));
    assertEquals(ProblemType.DUPLICATE, e.type());
    // both calls are in the audit trail on this provider: the refused one in a transaction of its
    // own
    assertEquals(
        java.util.List.of("vehicle create FAILURE duplicate", "vehicle create SUCCESS null"),
        data.lastAuditRecords(2));
  }

  @Test
  void anUnknownDealershipIsAFieldError() {
    ProblemException e =
        assertThrows(
            ProblemException.class,
            () -> inventory.list(draft("NOPE", TestData.vin(), 2020, 1, "1000")));
    assertEquals(ProblemType.VALIDATION_FAILED, e.type());
    assertEquals("dealershipCode", e.fieldErrors().get(0).field());
  }

  @Test
  void updatesCheckTheVersionAndRecordPriceChanges() {
    String dealership = data.dealership();
    VehicleView v = inventory.list(draft(dealership, TestData.vin(), 2019, 50_000, "15000"));

    VehicleView repriced =
        inventory.update(v.id(), v.version(), draft(dealership, v.vin(), 2019, 50_100, "14500"));
    assertNotEquals(v.version(), repriced.version());
    assertEquals(2, data.priceChanges(v.id()));
    assertEquals(50_100, inventory.vehicle(v.id()).mileage());

    ProblemException stale =
        assertThrows(
            ProblemException.class,
            () -> inventory.update(v.id(), v.version(), draft(dealership, v.vin(), 2019, 1, "1")));
    assertEquals(ProblemType.PRECONDITION_FAILED, stale.type());
  }

  @Test
  void aSoldVehicleCannotBecomeAvailableAgainNorBeRemoved() {
    String dealership = data.dealership();
    VehicleView v = inventory.list(draft(dealership, TestData.vin(), 2019, 50_000, "15000"));
    VehicleDraft sold =
        new VehicleDraft(
            v.vin(),
            "Volkswagen",
            "Golf",
            "Life",
            2019,
            50_000,
            "blue",
            new BigDecimal("15000"),
            "EUR",
            VehicleStatus.SOLD,
            dealership);
    VehicleView afterSale = inventory.update(v.id(), v.version(), sold);
    assertEquals(VehicleStatus.SOLD, afterSale.status());

    VehicleDraft back =
        new VehicleDraft(
            v.vin(),
            "Volkswagen",
            "Golf",
            "Life",
            2019,
            50_000,
            "blue",
            new BigDecimal("15000"),
            "EUR",
            VehicleStatus.AVAILABLE,
            dealership);
    assertEquals(
        ProblemType.CONFLICT,
        assertThrows(
                ProblemException.class, () -> inventory.update(v.id(), afterSale.version(), back))
            .type());
    assertEquals(
        ProblemType.CONFLICT,
        assertThrows(ProblemException.class, () -> inventory.remove(v.id())).type());
  }

  @Test
  void removingAVehicleRemovesItsHistory() {
    String dealership = data.dealership();
    VehicleView v = inventory.list(draft(dealership, TestData.vin(), 2019, 50_000, "15000"));
    inventory.remove(v.id());
    assertEquals(
        ProblemType.NOT_FOUND,
        assertThrows(ProblemException.class, () -> inventory.vehicle(v.id())).type());
    assertEquals(0, data.priceChanges(v.id()));
  }

  @Test
  void keysetPagesCoverEveryMatchOnceInOrder() {
    String dealership = data.dealership();
    List<VehicleView> all = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      // repeated prices and years: the id must break ties
      all.add(
          inventory.list(
              draft(
                  dealership,
                  TestData.vin(),
                  2015 + i % 4,
                  10_000 + i * 7 % 5,
                  Integer.toString(10_000 + (i % 5) * 1_000))));
    }
    assertPagesInOrder(
        dealership,
        "price",
        Comparator.comparing(VehicleView::price).thenComparing(VehicleView::id),
        all);
    assertPagesInOrder(
        dealership,
        "-modelYear",
        Comparator.comparing(VehicleView::modelYear).thenComparing(VehicleView::id).reversed(),
        all);
    assertPagesInOrder(
        dealership,
        "mileage",
        Comparator.comparing(VehicleView::mileage).thenComparing(VehicleView::id),
        all);
    assertPagesInOrder(
        dealership,
        null,
        Comparator.comparing(VehicleView::createdAt).thenComparing(VehicleView::id).reversed(),
        all);
  }

  private void assertPagesInOrder(
      String dealership, String sort, Comparator<VehicleView> order, List<VehicleView> all) {
    List<Long> expected = all.stream().sorted(order).map(VehicleView::id).toList();
    List<Long> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Page<VehicleView> page =
          inventory.search(
              new VehicleSearch(
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  dealership,
                  VehicleSort.parse(sort),
                  cursor,
                  5));
      page.items().forEach(v -> seen.add(v.id()));
      cursor = page.nextCursor().orElse(null);
      pages++;
    } while (cursor != null && pages < 20);
    assertEquals(expected, seen, "sort " + sort);
    assertEquals(5, pages);
  }

  @Test
  void filtersNarrowTheList() {
    String dealership = data.dealership();
    inventory.list(draft(dealership, TestData.vin(), 2016, 1, "9000"));
    VehicleView match = inventory.list(draft(dealership, TestData.vin(), 2020, 1, "20000"));
    inventory.list(draft(dealership, TestData.vin(), 2023, 1, "40000"));
    Page<VehicleView> page =
        inventory.search(
            new VehicleSearch(
                "Volkswagen",
                "Golf",
                2018,
                2022,
                new BigDecimal("10000"),
                new BigDecimal("30000"),
                VehicleStatus.AVAILABLE,
                dealership,
                null,
                null,
                20));
    assertEquals(List.of(match.id()), page.items().stream().map(VehicleView::id).toList());
    assertFalse(page.nextCursor().isPresent());
  }

  @Test
  void aCursorOfAnotherSortIsRejected() {
    String dealership = data.dealership();
    for (int i = 0; i < 3; i++) {
      inventory.list(draft(dealership, TestData.vin(), 2020, i, "1000"));
    }
    String cursor =
        inventory
            .search(
                new VehicleSearch(
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    dealership,
                    VehicleSort.parse("price"),
                    null,
                    1))
            .nextCursor()
            .orElseThrow();
    ProblemException e =
        assertThrows(
            ProblemException.class,
            () ->
                inventory.search(
                    new VehicleSearch(
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        dealership,
                        VehicleSort.parse("mileage"),
                        cursor,
                        1)));
    assertEquals(ProblemType.INVALID_PARAMETER, e.type());
  }

  @Test
  void vehiclesAreSecondLevelCachedAndNeverStaleAfterAnUpdate() {
    String dealership = data.dealership();
    VehicleView v = inventory.list(draft(dealership, TestData.vin(), 2019, 50_000, "15000"));
    data.evictVehicles();
    assertFalse(data.vehicleCached(v.id()));
    // Infinispan refuses a put from a load that began in the same instant as a region's
    // invalidation (its put-from-load validator, against stale puts): a read right after the
    // eviction may leave the cache empty; one a moment later fills it
    long deadline = System.nanoTime() + 5_000_000_000L;
    do {
      inventory.vehicle(v.id());
    } while (!data.vehicleCached(v.id()) && System.nanoTime() < deadline);
    assertTrue(data.vehicleCached(v.id()), "a read puts the vehicle in the shared cache");

    VehicleView changed =
        inventory.update(v.id(), v.version(), draft(dealership, v.vin(), 2019, 50_000, "13999"));
    VehicleView reread = inventory.vehicle(v.id());
    assertEquals(0, new BigDecimal("13999").compareTo(reread.price()));
    assertEquals(changed.version(), reread.version());
  }

  @Test
  void aVisitorsViewsWithinTheHourCountOnceAlsoAtOnceAndLeaveTheSharedCacheAlone()
      throws Exception {
    VehicleView v = inventory.list(draft(data.dealership(), TestData.vin(), 2020, 40_000, "16000"));
    inventory.vehicle(v.id());
    assertTrue(data.vehicleCached(v.id()));

    inventory.recordView(v.id(), "visitor-0001", "Browser A");
    inventory.recordView(v.id(), "visitor-0001", "Browser B");
    assertEquals(1, data.views(v.id()), "the same visitor id within the hour is one view");
    inventory.recordView(v.id(), "visitor-0002", "Browser A");
    assertEquals(2, data.views(v.id()));

    // eight requests of one new visitor at once: one view, and none of them fails
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Void>> views = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        views.add(
            () -> {
              inventory.recordView(v.id(), "visitor-0003", "Browser C");
              return null;
            });
      }
      for (Future<Void> f : pool.invokeAll(views, 60, TimeUnit.SECONDS)) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(3, data.views(v.id()));
    assertTrue(data.vehicleCached(v.id()), "recording a view evicts nothing from the shared cache");

    ProblemException unknown =
        assertThrows(
            ProblemException.class, () -> inventory.recordView(999_999_999L, "visitor-0001", "A"));
    assertEquals(ProblemType.NOT_FOUND, unknown.type());
  }
}
