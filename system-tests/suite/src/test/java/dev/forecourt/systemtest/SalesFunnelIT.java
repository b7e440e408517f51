package dev.forecourt.systemtest;

import static dev.forecourt.systemtest.support.Accounts.anonymous;
import static dev.forecourt.systemtest.support.Accounts.as;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forecourt.systemtest.support.Accounts;
import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.Leads;
import dev.forecourt.systemtest.support.Vehicles;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sales domain on the deployed EAR against PostgreSQL: the funnel from lead to won deal,
 * illegal transitions, test-drive double booking, the race of two salespeople for one vehicle,
 * Idempotency-Key, dealership scoping, the business figures and the bad-input answers.
 */
@ExtendWith(ForecourtServer.class)
class SalesFunnelIT {

  private static final String PROBLEMS = "https://forecourt.dev/problems/";

  @BeforeAll
  static void aSecondSalesperson() {
    if (ForecourtServer.queryLong("select count(*) from user_account where username = 'sales2'")
        == 0) {
      Accounts.createLocalUser(
          "sales2", "sales2@forecourt.example", Accounts.demoPassword(), "sales");
    }
  }

  private static String slot(int hoursFromNow) {
    return Instant.now()
        .truncatedTo(ChronoUnit.HOURS)
        .plus(24 + hoursFromNow, ChronoUnit.HOURS)
        .toString();
  }

  @Test
  void aLeadBecomesAWonDealAndTheVehicleIsSold() {
    long vehicle = Vehicles.create("23990.00");
    Response created =
        as("sales").contentType(ContentType.JSON).body(Leads.draft("BER", vehicle)).post("/leads");
    created
        .then()
        .statusCode(201)
        .header(
            "Location",
            org.hamcrest.Matchers.endsWith("/api/v1/leads/" + created.jsonPath().getLong("id")))
        .body("status", equalTo("NEW"))
        .body("assignedTo", equalTo("sales"))
        .body("vehicleId", equalTo((int) vehicle))
        .body("allowedTransitions", containsInAnyOrder("CONTACTED", "LOST"));
    long lead = created.jsonPath().getLong("id");
    as("sales")
        .get("/leads/{id}/activities", lead)
        .then()
        .statusCode(200)
        .body("kind", contains("NOTE"))
        .body("actor", contains("sales"));

    Leads.advance("sales", lead, "CONTACTED", "QUALIFIED");
    as("sales")
        .contentType(ContentType.JSON)
        .body(Map.of("kind", "CALL", "note", "Wants the grey one"))
        .post("/leads/{id}/activities", lead)
        .then()
        .statusCode(201)
        .body("kind", equalTo("CALL"));

    as("sales")
        .contentType(ContentType.JSON)
        .body(Leads.testDrive(lead, vehicle, slot(1), 45))
        .post("/test-drives")
        .then()
        .statusCode(201)
        .body("status", equalTo("SCHEDULED"))
        .body("salesperson", equalTo("sales"));
    as("sales").get("/leads/{id}", lead).then().body("status", equalTo("TEST_DRIVE"));

    long deal =
        as("sales")
            .contentType(ContentType.JSON)
            .body(Leads.deal(lead, vehicle, "22500.00"))
            .post("/deals")
            .then()
            .statusCode(201)
            .body("status", equalTo("RESERVED"))
            .body("salePrice", equalTo(22500.0f))
            .extract()
            .jsonPath()
            .getLong("id");
    as("sales").get("/leads/{id}", lead).then().body("status", equalTo("NEGOTIATION"));
    as("sales").get("/vehicles/{id}", vehicle).then().body("status", equalTo("RESERVED"));

    Leads.close(as("sales"), deal)
        .then()
        .statusCode(200)
        .body("status", equalTo("CLOSED"))
        .body("closedAt", not(equalTo(null)));
    as("sales")
        .get("/leads/{id}", lead)
        .then()
        .body("status", equalTo("WON"))
        .body("allowedTransitions", empty());
    as("sales").get("/vehicles/{id}", vehicle).then().body("status", equalTo("SOLD"));
    Leads.close(as("sales"), deal)
        .then()
        .statusCode(409)
        .body("type", equalTo(PROBLEMS + "conflict"));

    String today = LocalDate.now(ZoneOffset.UTC).toString();
    as("manager")
        .queryParam("from", today)
        .queryParam("to", today)
        .get("/reports/revenue")
        .then()
        .statusCode(200)
        .body(
            "find { it.dealershipCode == 'BER' && it.currency == 'EUR' }.deals",
            greaterThanOrEqualTo(1));
    as("manager")
        .queryParam("dealership", "BER")
        .get("/reports/funnel")
        .then()
        .statusCode(200)
        .body("leadsByStage.WON", greaterThanOrEqualTo(1))
        .body("total", greaterThanOrEqualTo(1));
  }

  @Test
  void anExportStreamsEveryLeadOfTheCallersDealershipsAsCsvOrNdjson() {
    String berlin =
        "from sales_lead l join dealership d on d.id = l.dealership_id where d.code = 'BER'";
    // more than one page of 100
    while (ForecourtServer.queryLong("select count(*) " + berlin) <= 120) {
      Leads.create("sales");
    }
    Response csv = as("sales").accept("text/csv").get("/leads/export");
    csv.then()
        .statusCode(200)
        .contentType(org.hamcrest.Matchers.startsWith("text/csv"))
        .header("Content-Disposition", equalTo("attachment; filename=\"forecourt-leads.csv\""));
    List<String> lines = csv.asString().lines().toList();
    assertEquals(
        "id,customer_id,dealership,vehicle_id,source,status,lost_reason,assigned_to,created_at,"
            + "updated_at,version",
        lines.get(0));
    List<Long> ids = lines.stream().skip(1).map(l -> Long.valueOf(l.split(",")[0])).toList();
    assertEquals(ForecourtServer.queryLong("select count(*) " + berlin), ids.size());
    assertEquals(ids.size(), new java.util.HashSet<>(ids).size(), "no lead twice");
    List<Long> newestFirst = new ArrayList<>(ids);
    newestFirst.sort(java.util.Comparator.reverseOrder());
    assertEquals(newestFirst, ids, "newest first across pages");
    assertTrue(lines.stream().skip(1).allMatch(l -> l.split(",")[2].equals("BER")));

    // a dealership the caller does not work at: refused as the search refuses it, before any row
    as("sales")
        .accept("text/csv")
        .queryParam("dealership", "MUC")
        .get("/leads/export")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("type", equalTo("https://forecourt.dev/problems/forbidden"));

    // NDJSON, filtered: one lead object per line
    long lead = Leads.create("sales");
    Leads.advance("sales", lead, "CONTACTED");
    Response ndjson =
        as("manager")
            .accept("application/x-ndjson")
            .queryParam("status", "CONTACTED")
            .get("/leads/export");
    ndjson
        .then()
        .statusCode(200)
        .contentType(org.hamcrest.Matchers.startsWith("application/x-ndjson"));
    List<io.restassured.path.json.JsonPath> objects =
        ndjson.asString().lines().map(io.restassured.path.json.JsonPath::from).toList();
    assertTrue(objects.stream().anyMatch(o -> o.getLong("id") == lead), ndjson.asString());
    assertTrue(objects.stream().allMatch(o -> o.getString("status").equals("CONTACTED")));
    assertTrue(
        objects.stream()
            .allMatch(o -> List.of("BER", "MUC").contains(o.getString("dealershipCode"))));

    String problems = "https://forecourt.dev/problems/";
    as("sales")
        .accept("text/csv")
        .queryParam("status", "MAYBE")
        .get("/leads/export")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo(problems + "invalid-parameter"));
    anonymous().accept("text/csv").get("/leads/export").then().statusCode(401);
  }

  @Test
  void illegalTransitionsAreRefusedNamingTheAllowedStages() {
    long lead = Leads.create("sales");
    Leads.transition(as("sales"), lead, "QUALIFIED", null)
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("type", equalTo(PROBLEMS + "illegal-transition"))
        .body("allowed", containsInAnyOrder("CONTACTED", "LOST"));
    Leads.transition(as("sales"), lead, "WON", null)
        .then()
        .statusCode(409)
        .body("type", equalTo(PROBLEMS + "illegal-transition"));
    Leads.transition(as("sales"), lead, "LOST", null)
        .then()
        .statusCode(422)
        .body("type", equalTo(PROBLEMS + "validation-failed"))
        .body("errors.field", hasItem("reason"));
    Leads.transition(as("sales"), lead, "LOST", "Bought elsewhere")
        .then()
        .statusCode(200)
        .body("status", equalTo("LOST"))
        .body("lostReason", equalTo("Bought elsewhere"));
    Leads.transition(as("sales"), lead, "CONTACTED", null)
        .then()
        .statusCode(409)
        .body("type", equalTo(PROBLEMS + "illegal-transition"))
        .body("allowed", empty());
    Leads.transition(as("sales"), lead, "SOMEWHERE", null)
        .then()
        .statusCode(400)
        .body("type", equalTo(PROBLEMS + "malformed-request"));
    Leads.transition(as("sales"), 999_999_999L, "CONTACTED", null)
        .then()
        .statusCode(404)
        .body("type", equalTo(PROBLEMS + "not-found"));
  }

  @Test
  void aVehicleCannotBeBookedTwiceAtTheSameTime() {
    long vehicle = Vehicles.create("18900.00");
    long first = Leads.qualified("sales");
    long second = Leads.qualified("manager");
    long drive = Leads.bookedTestDrive(first, vehicle, slot(2), 60);

    String overlapping = Instant.parse(slot(2)).plus(30, ChronoUnit.MINUTES).toString();
    as("manager")
        .contentType(ContentType.JSON)
        .body(Leads.testDrive(second, vehicle, overlapping, 60))
        .post("/test-drives")
        .then()
        .statusCode(409)
        .body("type", equalTo(PROBLEMS + "double-booking"));
    // the salesperson is busy too: the first lead's salesperson at the same time with another car
    long otherVehicle = Vehicles.create("17900.00");
    long third = Leads.qualified("sales");
    as("sales")
        .contentType(ContentType.JSON)
        .body(Leads.testDrive(third, otherVehicle, overlapping, 30))
        .post("/test-drives")
        .then()
        .statusCode(409)
        .body("type", equalTo(PROBLEMS + "double-booking"));
    // back to back is fine
    as("manager")
        .contentType(ContentType.JSON)
        .body(Leads.testDrive(second, vehicle, slot(3), 60))
        .post("/test-drives")
        .then()
        .statusCode(201);

    as("sales")
        .post("/test-drives/{id}/cancel", drive)
        .then()
        .statusCode(200)
        .body("status", equalTo("CANCELLED"));
    as("sales")
        .post("/test-drives/{id}/cancel", drive)
        .then()
        .statusCode(409)
        .body("type", equalTo(PROBLEMS + "conflict"));
    as("manager")
        .contentType(ContentType.JSON)
        .body(Leads.testDrive(second, vehicle, overlapping, 30))
        .post("/test-drives")
        .then()
        .statusCode(201);
    as("sales")
        .queryParam("vehicleId", vehicle)
        .get("/test-drives")
        .then()
        .statusCode(200)
        .body("size()", equalTo(2))
        .body("status", everyItem(equalTo("SCHEDULED")));
  }

  @Test
  void ofTwoSalespeopleTakingTheSameVehicleAtOnceExactlyOneWins() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 5; round++) {
        long vehicle = Vehicles.create("31000.00");
        long leadOfSales = Leads.qualified("sales");
        long leadOfSales2 = Leads.qualified("sales2");
        CyclicBarrier start = new CyclicBarrier(2);
        List<Callable<Response>> both =
            List.of(
                () -> {
                  start.await();
                  return as("sales")
                      .contentType(ContentType.JSON)
                      .body(Leads.deal(leadOfSales, vehicle, "30000.00"))
                      .post("/deals");
                },
                () -> {
                  start.await();
                  return as("sales2")
                      .contentType(ContentType.JSON)
                      .body(Leads.deal(leadOfSales2, vehicle, "30500.00"))
                      .post("/deals");
                });
        List<Integer> statuses = new ArrayList<>();
        List<Response> answers = new ArrayList<>();
        for (Future<Response> f : pool.invokeAll(both, 60, TimeUnit.SECONDS)) {
          answers.add(f.get());
          statuses.add(f.get().statusCode());
        }
        assertThat("round " + round, statuses, containsInAnyOrder(201, 409));
        Response loser = answers.get(statuses.indexOf(409));
        assertEquals(PROBLEMS + "vehicle-unavailable", loser.jsonPath().getString("type"));
        long deal = answers.get(statuses.indexOf(201)).jsonPath().getLong("id");
        assertEquals(
            1,
            ForecourtServer.queryLong("select count(*) from deal where vehicle_id = " + vehicle));

        // and the winner's deal closed twice at once, both with the ETag they read: once, the other
        // is stale
        String etag =
            as("admin").get("/deals/{id}", deal).then().statusCode(200).extract().header("ETag");
        CyclicBarrier close = new CyclicBarrier(2);
        Callable<Response> closing =
            () -> {
              close.await();
              return as("admin").header("If-Match", etag).post("/deals/{id}/close", deal);
            };
        List<Integer> closes = new ArrayList<>();
        for (Future<Response> f : pool.invokeAll(List.of(closing, closing), 60, TimeUnit.SECONDS)) {
          closes.add(f.get().statusCode());
        }
        assertThat("round " + round + " close", closes, containsInAnyOrder(200, 412));
        as("admin").get("/vehicles/{id}", vehicle).then().body("status", equalTo("SOLD"));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aRetriedCreateWithTheSameIdempotencyKeyCreatesNothingNew() throws Exception {
    Map<String, Object> body = Leads.draft("BER", null);
    String key = "lead-" + UUID.randomUUID();
    Response first =
        as("sales")
            .header("Idempotency-Key", key)
            .contentType(ContentType.JSON)
            .body(body)
            .post("/leads");
    Response retry =
        as("sales")
            .header("Idempotency-Key", key)
            .contentType(ContentType.JSON)
            .body(body)
            .post("/leads");
    first.then().statusCode(201);
    retry.then().statusCode(201);
    assertEquals(first.jsonPath().getLong("id"), retry.jsonPath().getLong("id"));
    assertEquals(first.header("Location"), retry.header("Location"));
    @SuppressWarnings("unchecked")
    String lastName = ((Map<String, Object>) body.get("customer")).get("lastName").toString();
    assertEquals(
        1,
        ForecourtServer.queryLong(
            "select count(*) from sales_lead l join customer c on c.id = l.customer_id"
                + " where c.last_name = '"
                + lastName
                + "'"));

    // the same key with another body, or a malformed key
    as("sales")
        .header("Idempotency-Key", key)
        .contentType(ContentType.JSON)
        .body(Leads.draft("BER", null))
        .post("/leads")
        .then()
        .statusCode(422)
        .body("type", equalTo(PROBLEMS + "idempotency-key-reused"));
    as("sales")
        .header("Idempotency-Key", "short")
        .contentType(ContentType.JSON)
        .body(Leads.draft("BER", null))
        .post("/leads")
        .then()
        .statusCode(400)
        .body("type", equalTo(PROBLEMS + "invalid-parameter"));
    // keys are per caller: another caller's identical key is a new request
    as("manager")
        .header("Idempotency-Key", key)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/leads")
        .then()
        .statusCode(201)
        .body("id", not(equalTo(first.jsonPath().getInt("id"))));

    // the same deal sent twice at once: one deal
    long vehicle = Vehicles.create("27000.00");
    long lead = Leads.qualified("sales");
    String dealKey = "deal-" + UUID.randomUUID();
    CyclicBarrier start = new CyclicBarrier(2);
    Callable<Response> send =
        () -> {
          start.await();
          return as("sales")
              .header("Idempotency-Key", dealKey)
              .contentType(ContentType.JSON)
              .body(Leads.deal(lead, vehicle, "26500.00"))
              .post("/deals");
        };
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Integer> statuses = new ArrayList<>();
      for (Future<Response> f : pool.invokeAll(List.of(send, send), 60, TimeUnit.SECONDS)) {
        statuses.add(f.get().statusCode());
      }
      // the loser either waited and got the winner's answer, or was told to retry
      assertThat(statuses, hasItem(201));
      assertTrue(statuses.stream().allMatch(s -> s == 201 || s == 409), statuses.toString());
    } finally {
      pool.shutdownNow();
    }
    as("sales")
        .header("Idempotency-Key", dealKey)
        .contentType(ContentType.JSON)
        .body(Leads.deal(lead, vehicle, "26500.00"))
        .post("/deals")
        .then()
        .statusCode(201);
    assertEquals(
        1, ForecourtServer.queryLong("select count(*) from deal where vehicle_id = " + vehicle));
  }

  @Test
  void dealsAndTestDrivesAreListedForTheCallersDealershipsOnly() {
    long vehicle = Vehicles.create("19400.00");
    long lead = Leads.qualified("sales");
    String startsAt = slot(57);
    long drive = Leads.bookedTestDrive(lead, vehicle, startsAt, 45);
    String day = startsAt.substring(0, 10);
    // the schedule of a period, by start: the sales user's dealership (BER)
    List<Integer> ids =
        as("sales")
            .queryParam("from", day)
            .queryParam("to", day)
            .get("/test-drives")
            .then()
            .statusCode(200)
            .body("dealershipCode", everyItem(equalTo("BER")))
            .body("find { it.id == " + drive + " }.startsAt", equalTo(startsAt))
            .body(
                "find { it.id == " + drive + " }.endsAt",
                equalTo(Instant.parse(startsAt).plus(45, ChronoUnit.MINUTES).toString()))
            .extract()
            .jsonPath()
            .getList("id");
    assertTrue(ids.contains((int) drive), "the new booking is listed: " + ids);
    List<String> starts =
        as("admin")
            .queryParam("from", day)
            .queryParam("to", day)
            .get("/test-drives")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("startsAt");
    assertEquals(starts.stream().sorted().toList(), starts, "by start");
    as("sales")
        .queryParam("from", day)
        .queryParam("to", day)
        .queryParam("dealership", "VIE")
        .get("/test-drives")
        .then()
        .statusCode(403)
        .body("type", equalTo(PROBLEMS + "forbidden"));
    as("admin")
        .queryParam("from", day)
        .queryParam("to", day)
        .queryParam("dealership", "VIE")
        .get("/test-drives")
        .then()
        .statusCode(200)
        .body("id", not(hasItem((int) drive)));
    // the day before is another period; a cancelled booking is listed by its status
    as("sales")
        .queryParam("from", LocalDate.parse(day).minusDays(1).toString())
        .queryParam("to", LocalDate.parse(day).minusDays(1).toString())
        .get("/test-drives")
        .then()
        .statusCode(200)
        .body("id", not(hasItem((int) drive)));
    as("sales").post("/test-drives/{id}/cancel", drive).then().statusCode(200);
    for (String[] filter : new String[][] {{"SCHEDULED", "false"}, {"CANCELLED", "true"}}) {
      List<Integer> listed =
          as("sales")
              .queryParam("from", day)
              .queryParam("to", day)
              .queryParam("status", filter[0])
              .get("/test-drives")
              .then()
              .statusCode(200)
              .body("status", everyItem(equalTo(filter[0])))
              .extract()
              .jsonPath()
              .getList("id");
      assertEquals(Boolean.parseBoolean(filter[1]), listed.contains((int) drive), filter[0]);
    }

    // deals, newest first, keyset-paginated, by status
    long deal = Leads.openDeal(lead, vehicle, "19000.00");
    as("sales")
        .queryParam("status", "RESERVED")
        .get("/deals")
        .then()
        .statusCode(200)
        .body("items[0].id", equalTo((int) deal))
        .body("items.dealershipCode", everyItem(equalTo("BER")))
        .body("items.status", everyItem(equalTo("RESERVED")));
    Response first = as("admin").queryParam("limit", 1).get("/deals");
    first
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(1))
        .body("items[0].id", equalTo((int) deal));
    String next = first.header("Link");
    assertTrue(next != null && next.contains("rel=\"next\""), "a next page: " + next);
    as("sales")
        .queryParam("dealership", "VIE")
        .get("/deals")
        .then()
        .statusCode(403)
        .body("type", equalTo(PROBLEMS + "forbidden"));
    as("admin")
        .queryParam("dealership", "VIE")
        .get("/deals")
        .then()
        .statusCode(200)
        .body("items.id", not(hasItem((int) deal)));
    Leads.close(as("sales"), deal).then().statusCode(200);
    as("sales")
        .queryParam("status", "CLOSED")
        .get("/deals")
        .then()
        .statusCode(200)
        .body("items[0].id", equalTo((int) deal))
        .body("items[0].closedAt", notNullValue());
    as("sales")
        .queryParam("status", "RESERVED")
        .get("/deals")
        .then()
        .statusCode(200)
        .body("items.id", not(hasItem((int) deal)));
  }

  @Test
  void staffWorkOnTheirOwnDealershipsOnly() {
    as("sales")
        .contentType(ContentType.JSON)
        .body(Leads.draft("VIE", null))
        .post("/leads")
        .then()
        .statusCode(403)
        .body("type", equalTo(PROBLEMS + "forbidden"));
    long vienna =
        as("admin")
            .contentType(ContentType.JSON)
            .body(Leads.draft("VIE", null))
            .post("/leads")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    as("sales")
        .get("/leads/{id}", vienna)
        .then()
        .statusCode(403)
        .body("type", equalTo(PROBLEMS + "forbidden"));
    as("manager").get("/leads/{id}", vienna).then().statusCode(403);
    Leads.transition(as("sales"), vienna, "CONTACTED", null).then().statusCode(403);
    long own = Leads.create("sales");
    as("sales")
        .get("/leads?limit=100")
        .then()
        .statusCode(200)
        .body("items.dealershipCode", everyItem(equalTo("BER")))
        .body("items.id", hasItem((int) own));
    as("sales").get("/leads?dealership=VIE").then().statusCode(403);
    as("admin").get("/leads/{id}", vienna).then().statusCode(200);
    // a sales user cannot reassign; a manager can
    long lead = Leads.create("sales");
    String leadTag =
        as("sales").get("/leads/{id}", lead).then().statusCode(200).extract().header("ETag");
    as("sales")
        .contentType(ContentType.JSON)
        .header("If-Match", leadTag)
        .body(Map.of("salesperson", "sales2"))
        .put("/leads/{id}/assignee", lead)
        .then()
        .statusCode(403);
    as("manager")
        .contentType(ContentType.JSON)
        .header("If-Match", leadTag)
        .body(Map.of("salesperson", "sales2"))
        .put("/leads/{id}/assignee", lead)
        .then()
        .statusCode(200)
        .body("assignedTo", equalTo("sales2"));
    // reports are for managers and admins
    as("sales").get("/reports/funnel").then().statusCode(403);
    as("manager").get("/reports/funnel?dealership=VIE").then().statusCode(403);
    anonymous()
        .get("/leads")
        .then()
        .statusCode(401)
        .body("type", equalTo(PROBLEMS + "unauthenticated"));
  }

  @Test
  void integratorsWithLeadsWriteCreateLeads() {
    String writer = apiKey(List.of("leads:write"));
    String reader = apiKey(List.of("inventory:read"));
    apiKeyCaller(writer)
        .contentType(ContentType.JSON)
        .body(Leads.draft("BER", null))
        .post("/leads")
        .then()
        .statusCode(201)
        .body("assignedTo", equalTo(null))
        .body("source", equalTo("WEBSITE"));
    apiKeyCaller(writer)
        .contentType(ContentType.JSON)
        .body(Leads.draft("MUC", null))
        .post("/leads")
        .then()
        .statusCode(403)
        .body("type", equalTo(PROBLEMS + "forbidden"));
    apiKeyCaller(reader)
        .contentType(ContentType.JSON)
        .body(Leads.draft("BER", null))
        .post("/leads")
        .then()
        .statusCode(403)
        .body("type", equalTo(PROBLEMS + "forbidden"));
    apiKeyCaller(writer).get("/leads").then().statusCode(403);
  }

  private static String apiKey(List<String> scopes) {
    return as("admin")
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "name",
                "marketplace " + UUID.randomUUID(),
                "scopes",
                scopes,
                "dealerships",
                List.of("BER")))
        .post("/api-keys")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getString("key");
  }

  private static io.restassured.specification.RequestSpecification apiKeyCaller(String key) {
    return anonymous().header("Authorization", "ApiKey " + key);
  }

  @Test
  void badInputIsAnsweredWithTheExactProblem() {
    Map<String, Object> noSource = new HashMap<>(Leads.draft("BER", null));
    noSource.remove("source");
    as("sales")
        .contentType(ContentType.JSON)
        .body(noSource)
        .post("/leads")
        .then()
        .statusCode(422)
        .body("type", equalTo(PROBLEMS + "validation-failed"))
        .body("errors.field", hasItem("source"));
    Map<String, Object> both = new HashMap<>(Leads.draft("BER", null));
    both.put("customerId", 1);
    as("sales")
        .contentType(ContentType.JSON)
        .body(both)
        .post("/leads")
        .then()
        .statusCode(422)
        .body("type", equalTo(PROBLEMS + "validation-failed"))
        .body("errors.field", hasItem("customer"));
    as("sales")
        .contentType(ContentType.JSON)
        .body(Leads.draft("BER", 999_999_999L))
        .post("/leads")
        .then()
        .statusCode(422)
        .body("errors.field", hasItem("vehicleId"));
    as("sales")
        .contentType(ContentType.JSON)
        .body("{\"source\": \"FAX\"}")
        .post("/leads")
        .then()
        .statusCode(400)
        .body("type", equalTo(PROBLEMS + "malformed-request"));
    as("sales")
        .get("/leads?status=BOGUS")
        .then()
        .statusCode(400)
        .body("type", equalTo(PROBLEMS + "invalid-parameter"));
    as("sales")
        .get("/leads?limit=1000")
        .then()
        .statusCode(400)
        .body("type", equalTo(PROBLEMS + "invalid-parameter"));
    as("sales")
        .get("/leads?cursor=abc")
        .then()
        .statusCode(400)
        .body("type", equalTo(PROBLEMS + "invalid-parameter"));

    long vehicle = Vehicles.create("15000.00");
    long lead = Leads.qualified("sales");
    String past = Instant.now().minus(1, ChronoUnit.DAYS).toString();
    as("sales")
        .contentType(ContentType.JSON)
        .body(Leads.testDrive(lead, vehicle, past, 30))
        .post("/test-drives")
        .then()
        .statusCode(422)
        .body("errors.field", hasItem("startsAt"));
    as("sales")
        .contentType(ContentType.JSON)
        .body(Leads.testDrive(lead, vehicle, slot(5), 5))
        .post("/test-drives")
        .then()
        .statusCode(422)
        .body("errors.field", hasItem("durationMinutes"));
    Map<String, Object> badCurrency = new HashMap<>(Leads.deal(lead, vehicle, "14000.00"));
    badCurrency.put("currency", "ABC");
    as("sales")
        .contentType(ContentType.JSON)
        .body(badCurrency)
        .post("/deals")
        .then()
        .statusCode(422)
        .body("errors.field", hasItem("currency"));
    Map<String, Object> negative = new HashMap<>(Leads.deal(lead, vehicle, "-1"));
    as("sales")
        .contentType(ContentType.JSON)
        .body(negative)
        .post("/deals")
        .then()
        .statusCode(422)
        .body("errors.field", hasItem("salePrice"));
    as("sales")
        .get("/deals/999999999")
        .then()
        .statusCode(404)
        .body("type", equalTo(PROBLEMS + "not-found"));
    long newLead = Leads.create("sales");
    as("sales")
        .contentType(ContentType.JSON)
        .body(Leads.deal(newLead, vehicle, "14000.00"))
        .post("/deals")
        .then()
        .statusCode(409)
        .body("type", equalTo(PROBLEMS + "illegal-transition"));
    as("manager")
        .get("/reports/revenue?from=2026-13-01&to=2026-12-31")
        .then()
        .statusCode(400)
        .body("type", equalTo(PROBLEMS + "invalid-parameter"));
    as("manager")
        .get("/reports/revenue?from=2026-02-01")
        .then()
        .statusCode(400)
        .body("type", equalTo(PROBLEMS + "invalid-parameter"));
    // nothing of the above leaked an exception or SQL
    as("sales").get("/vehicles/{id}", vehicle).then().body("status", equalTo("AVAILABLE"));
  }
}
