package dev.forecourt.systemtest;

import static dev.forecourt.systemtest.support.Accounts.anonymous;
import static dev.forecourt.systemtest.support.Accounts.as;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.Leads;
import dev.forecourt.systemtest.support.Vehicles;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The gaps closed in issue 17 (3) for inventory and sales, on the deployed EAR against PostgreSQL:
 * staff lists scoped to the caller's dealerships in the query (demo assignments: sales → BER,
 * manager → BER and MUC, admin → all), a vehicle held by a deal that staff cannot set AVAILABLE or
 * SOLD by hand, If-Match on lead and deal updates, and a salesperson's bookings serialized.
 */
@ExtendWith(ForecourtServer.class)
class ScopingAndConcurrencyIT {

  private static final String PROBLEMS = "https://forecourt.dev/problems/";

  @Test
  void staffLeadListsHoldTheirDealershipsRowsAlsoWhenOthersAreNewer() {
    List<Integer> berlin = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      berlin.add((int) leadAt("BER"));
    }
    List<Integer> munich = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      munich.add((int) leadAt("MUC"));
    }
    List<Integer> vienna = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      vienna.add((int) leadAt("VIE"));
    }
    // the six newest leads are Vienna's: filtered after paging, a page of 5 would be empty for
    // sales
    as("sales")
        .get("/leads?limit=5")
        .then()
        .statusCode(200)
        .body("items.dealershipCode", everyItem(equalTo("BER")))
        .body("items.id", equalTo(reversed(berlin)));
    as("manager")
        .get("/leads?limit=8")
        .then()
        .statusCode(200)
        .body("items.dealershipCode", everyItem(in(List.of("BER", "MUC"))))
        .body("items.id", containsInAnyOrder(concat(berlin, munich).toArray()));
    as("admin")
        .get("/leads?limit=6")
        .then()
        .statusCode(200)
        .body("items.id", equalTo(reversed(vienna)));
    as("sales")
        .get("/leads?dealership=MUC")
        .then()
        .statusCode(403)
        .body("type", equalTo(PROBLEMS + "forbidden"));
    as("manager")
        .get("/leads?dealership=MUC&limit=3")
        .then()
        .statusCode(200)
        .body("items.id", equalTo(reversed(munich)));
  }

  @Test
  void staffVehicleListsShowOtherRooftopsPublicStockOnly() {
    String model = "Scope-" + UUID.randomUUID().toString().substring(0, 8);
    long berReserved1 = reservedByHand(vehicleAt("BER", model));
    long berReserved2 = reservedByHand(vehicleAt("BER", model));
    List<Long> vieReserved =
        List.of(
            reservedByHand(vehicleAt("VIE", model)),
            reservedByHand(vehicleAt("VIE", model)),
            reservedByHand(vehicleAt("VIE", model)));
    long mucSold = vehicleAt("MUC", model);
    changeStatus(mucSold, "SOLD");
    long vieAvailable = vehicleAt("VIE", model);

    as("admin")
        .queryParam("model", model)
        .get("/vehicles?limit=100")
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(7));
    as("sales")
        .queryParam("model", model)
        .get("/vehicles?limit=100")
        .then()
        .statusCode(200)
        .body(
            "items.id",
            containsInAnyOrder((int) berReserved1, (int) berReserved2, (int) vieAvailable));
    as("manager")
        .queryParam("model", model)
        .get("/vehicles?limit=100")
        .then()
        .statusCode(200)
        .body(
            "items.id",
            containsInAnyOrder(
                (int) berReserved1, (int) berReserved2, (int) mucSold, (int) vieAvailable));
    anonymous()
        .queryParam("model", model)
        .get("/vehicles?limit=100")
        .then()
        .statusCode(200)
        .body("items.id", containsInAnyOrder((int) vieAvailable));
    // in the query, not after paging: the newest are Vienna's, yet a page of one is sales' own,
    // twice
    Response first =
        as("sales").queryParam("model", model).get("/vehicles?status=RESERVED&limit=1");
    first.then().statusCode(200).body("items.id", equalTo(List.of((int) berReserved2)));
    as("sales")
        .queryParam("model", model)
        .queryParam("cursor", first.jsonPath().getString("nextCursor"))
        .get("/vehicles?status=RESERVED&limit=1")
        .then()
        .statusCode(200)
        .body("items.id", equalTo(List.of((int) berReserved1)))
        .body("nextCursor", nullValue());
    as("sales")
        .queryParam("model", model)
        .get("/vehicles?status=RESERVED&dealership=VIE")
        .then()
        .statusCode(200)
        .body("items", empty());
    // single reads follow the list: another rooftop's RESERVED or SOLD vehicle is not found
    as("sales")
        .get("/vehicles/{id}", vieReserved.get(0))
        .then()
        .statusCode(404)
        .body("type", equalTo(PROBLEMS + "not-found"));
    as("sales")
        .get("/vehicles/{id}", mucSold)
        .then()
        .statusCode(404)
        .body("type", equalTo(PROBLEMS + "not-found"));
    as("manager")
        .get("/vehicles/{id}", mucSold)
        .then()
        .statusCode(200)
        .body("status", equalTo("SOLD"));
    as("sales").get("/vehicles/{id}", vieAvailable).then().statusCode(200);
    as("admin")
        .get("/vehicles/{id}", vieReserved.get(0))
        .then()
        .statusCode(200)
        .body("status", equalTo("RESERVED"));
    // and the bookings of another rooftop's vehicle are not listed to sales
    as("sales")
        .queryParam("vehicleId", vieAvailable)
        .get("/test-drives")
        .then()
        .statusCode(403)
        .body("type", equalTo(PROBLEMS + "forbidden"));
  }

  @Test
  void aVehicleHeldByADealCannotBeSetAvailableOrSoldByHand() {
    long vehicle = Vehicles.create("21000.00");
    long lead = Leads.qualified("sales");
    Response created =
        as("sales")
            .contentType(ContentType.JSON)
            .body(Leads.deal(lead, vehicle, "20500.00"))
            .post("/deals");
    created.then().statusCode(201).header("ETag", equalTo("\"0\""));
    long deal = created.jsonPath().getLong("id");
    as("sales")
        .get("/vehicles/{id}", vehicle)
        .then()
        .statusCode(200)
        .body("status", equalTo("RESERVED"))
        .body("heldByDeal", equalTo((int) deal));

    for (String byHand : List.of("AVAILABLE", "SOLD")) {
      put(vehicle, Map.of("status", byHand))
          .then()
          .statusCode(409)
          .contentType("application/problem+json")
          .body("type", equalTo(PROBLEMS + "vehicle-held"))
          .body("detail", containsString("held by deal " + deal));
    }
    as("sales")
        .delete("/vehicles/{id}", vehicle)
        .then()
        .statusCode(409)
        .body("type", equalTo(PROBLEMS + "vehicle-held"))
        .body("detail", containsString("deal " + deal));
    // what is not the status stays editable, also with the status unchanged
    put(vehicle, Map.of("price", "20990.00", "status", "RESERVED"))
        .then()
        .statusCode(200)
        .body("price", equalTo(20990.0f))
        .body("heldByDeal", equalTo((int) deal));

    // the deal sells it
    Leads.close(as("sales"), deal).then().statusCode(200).body("status", equalTo("CLOSED"));
    as("sales")
        .get("/vehicles/{id}", vehicle)
        .then()
        .body("status", equalTo("SOLD"))
        .body("heldByDeal", nullValue());
    put(vehicle, Map.of("status", "AVAILABLE"))
        .then()
        .statusCode(409)
        .body("type", equalTo(PROBLEMS + "conflict"));

    // a cancelled deal releases it, and staff may then reserve it by hand
    long other = Vehicles.create("12000.00");
    long second = Leads.openDeal(Leads.qualified("sales"), other, "11900.00");
    Leads.cancel(as("sales"), second).then().statusCode(200).body("status", equalTo("CANCELLED"));
    as("sales")
        .get("/vehicles/{id}", other)
        .then()
        .body("status", equalTo("AVAILABLE"))
        .body("heldByDeal", nullValue());
    put(other, Map.of("status", "RESERVED"))
        .then()
        .statusCode(200)
        .body("status", equalTo("RESERVED"));
    put(other, Map.of("status", "AVAILABLE"))
        .then()
        .statusCode(200)
        .body("status", equalTo("AVAILABLE"));
  }

  @Test
  void leadAndDealUpdatesNeedTheETagTheyRead() {
    long lead = Leads.create("sales");
    String etag =
        as("sales").get("/leads/{id}", lead).then().statusCode(200).extract().header("ETag");
    Map<String, Object> contacted = Map.of("status", "CONTACTED");
    as("sales")
        .contentType(ContentType.JSON)
        .body(contacted)
        .post("/leads/{id}/transitions", lead)
        .then()
        .statusCode(428)
        .contentType("application/problem+json")
        .body("type", equalTo(PROBLEMS + "precondition-required"));
    for (String wrong : List.of("\"999\"", "abc")) {
      as("sales")
          .contentType(ContentType.JSON)
          .header("If-Match", wrong)
          .body(contacted)
          .post("/leads/{id}/transitions", lead)
          .then()
          .statusCode(412)
          .body("type", equalTo(PROBLEMS + "precondition-failed"));
    }
    Response moved =
        as("sales")
            .contentType(ContentType.JSON)
            .header("If-Match", "W/" + etag)
            .body(contacted)
            .post("/leads/{id}/transitions", lead);
    moved.then().statusCode(200).body("status", equalTo("CONTACTED"));
    String newTag = moved.header("ETag");
    assertNotEquals(etag, newTag);
    assertEquals(newTag, as("sales").get("/leads/{id}", lead).header("ETag"));
    // the version read before the move is stale now, for transitions and assignments alike
    as("sales")
        .contentType(ContentType.JSON)
        .header("If-Match", etag)
        .body(Map.of("status", "QUALIFIED"))
        .post("/leads/{id}/transitions", lead)
        .then()
        .statusCode(412)
        .body("type", equalTo(PROBLEMS + "precondition-failed"));
    as("manager")
        .contentType(ContentType.JSON)
        .header("If-Match", etag)
        .body(Map.of("salesperson", "manager"))
        .put("/leads/{id}/assignee", lead)
        .then()
        .statusCode(412)
        .body("type", equalTo(PROBLEMS + "precondition-failed"));
    as("manager")
        .contentType(ContentType.JSON)
        .body(Map.of("salesperson", "manager"))
        .put("/leads/{id}/assignee", lead)
        .then()
        .statusCode(428)
        .body("type", equalTo(PROBLEMS + "precondition-required"));
    as("manager")
        .contentType(ContentType.JSON)
        .header("If-Match", newTag)
        .body(Map.of("salesperson", "manager"))
        .put("/leads/{id}/assignee", lead)
        .then()
        .statusCode(200)
        .body("assignedTo", equalTo("manager"))
        .header("ETag", not(equalTo(newTag)));
    assertEquals(
        "CONTACTED",
        ForecourtServer.queryString("select status from sales_lead where id = " + lead));

    long deal = Leads.openDeal(Leads.qualified("sales"), Vehicles.create("15000.00"), "14800.00");
    String dealTag =
        as("sales").get("/deals/{id}", deal).then().statusCode(200).extract().header("ETag");
    for (String action : List.of("close", "cancel")) {
      as("sales")
          .post("/deals/{id}/" + action, deal)
          .then()
          .statusCode(428)
          .body("type", equalTo(PROBLEMS + "precondition-required"));
      as("sales")
          .header("If-Match", "\"41\"")
          .post("/deals/{id}/" + action, deal)
          .then()
          .statusCode(412)
          .body("type", equalTo(PROBLEMS + "precondition-failed"));
    }
    assertEquals(
        "RESERVED", ForecourtServer.queryString("select status from deal where id = " + deal));
    String closedTag =
        as("sales")
            .header("If-Match", dealTag)
            .post("/deals/{id}/close", deal)
            .then()
            .statusCode(200)
            .body("status", equalTo("CLOSED"))
            .extract()
            .header("ETag");
    assertNotEquals(dealTag, closedTag);
    as("sales").header("If-Match", dealTag).post("/deals/{id}/cancel", deal).then().statusCode(412);
    as("sales")
        .header("If-Match", closedTag)
        .post("/deals/{id}/cancel", deal)
        .then()
        .statusCode(409)
        .body("type", equalTo(PROBLEMS + "conflict"));
  }

  @Test
  void ofTenOverlappingBookingsOfOneSalespersonAtOnceExactlyOneSucceeds() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(10);
    try {
      for (int round = 0; round < 3; round++) {
        // ten leads of "sales" (each assigned to sales), ten vehicles: only the salesperson is
        // shared
        Instant starts =
            Instant.now().truncatedTo(ChronoUnit.HOURS).plus(400 + round, ChronoUnit.DAYS);
        List<Callable<Response>> bookings = new ArrayList<>();
        CyclicBarrier start = new CyclicBarrier(10);
        for (int i = 0; i < 10; i++) {
          long lead = Leads.qualified("sales");
          long vehicle = Vehicles.create("16000.00");
          String at =
              starts.plus(5L * i, ChronoUnit.MINUTES).toString(); // all overlap the first hour
          bookings.add(
              () -> {
                start.await();
                return as("sales")
                    .contentType(ContentType.JSON)
                    .body(Leads.testDrive(lead, vehicle, at, 60))
                    .post("/test-drives");
              });
        }
        List<Integer> statuses = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (Future<Response> f : pool.invokeAll(bookings, 120, TimeUnit.SECONDS)) {
          Response r = f.get();
          statuses.add(r.statusCode());
          if (r.statusCode() != 201) {
            types.add(r.jsonPath().getString("type"));
          }
        }
        assertEquals(
            1, statuses.stream().filter(s -> s == 201).count(), "round " + round + ": " + statuses);
        assertEquals(
            9, statuses.stream().filter(s -> s == 409).count(), "round " + round + ": " + statuses);
        assertThat(types, everyItem(equalTo(PROBLEMS + "double-booking")));
        assertEquals(
            1,
            ForecourtServer.queryLong(
                "select count(*) from test_drive where salesperson = 'sales'"
                    + " and status = 'SCHEDULED' and starts_at >= timestamp with time zone '"
                    + starts
                    + "'"
                    + " and starts_at < timestamp with time zone '"
                    + starts.plus(1, ChronoUnit.HOURS)
                    + "'"));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static long leadAt(String dealership) {
    return as("admin")
        .contentType(ContentType.JSON)
        .body(Leads.draft(dealership, null))
        .post("/leads")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getLong("id");
  }

  private static long vehicleAt(String dealership, String model) {
    return Vehicles.createAt(dealership, model, "18000.00");
  }

  private static long reservedByHand(long vehicle) {
    changeStatus(vehicle, "RESERVED");
    return vehicle;
  }

  private static void changeStatus(long vehicle, String status) {
    put(vehicle, Map.of("status", status)).then().statusCode(200).body("status", equalTo(status));
  }

  private static Response put(long vehicle, Map<String, Object> changes) {
    return Vehicles.put(vehicle, changes);
  }

  private static List<Integer> reversed(List<Integer> ids) {
    List<Integer> newestFirst = new ArrayList<>(ids);
    java.util.Collections.reverse(newestFirst);
    return newestFirst;
  }

  private static List<Integer> concat(List<Integer> a, List<Integer> b) {
    List<Integer> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
