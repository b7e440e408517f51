package dev.forecourt.systemtest;

import static dev.forecourt.systemtest.support.Accounts.anonymous;
import static dev.forecourt.systemtest.support.Accounts.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.Leads;
import dev.forecourt.systemtest.support.Metrics;
import dev.forecourt.systemtest.support.Vehicles;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The business figures in {@code /metrics?scope=application} on the deployed EAR against
 * PostgreSQL: leads by stage, conversion, revenue, vehicle views (de-duplicated per visitor per
 * hour) and inquiries follow the API calls that change them; the refresh period keeps them between
 * scrapes; the vehicle-interest report and the bad-input answers of both new endpoints.
 */
@ExtendWith(ForecourtServer.class)
class BusinessMetricsIT {

  private static final String PROBLEMS = "https://forecourt.dev/problems/";
  private static final String REFRESH = "forecourt.metrics.business.refresh";

  @BeforeAll
  static void figuresOnEveryScrape() {
    ForecourtServer.configProperty(REFRESH, "PT0S");
  }

  @AfterAll
  static void productionRefresh() {
    ForecourtServer.configProperty(REFRESH, "PT30S");
  }

  /**
   * The application metrics, as Prometheus text. Scraped twice: the series of a currency seen for
   * the first time is registered while one scrape reads the figures and appears from the next.
   */
  private static String scrape() {
    Supplier<String> once =
        () ->
            given()
                .baseUri(ForecourtServer.baseUri().toString())
                .queryParam("scope", "application")
                .get("/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    once.get();
    return once.get();
  }

  private static double figure(String text, String name, Map<String, String> labels) {
    return Metrics.sum(text, name, labels);
  }

  private static double leads(String text, String stage) {
    return figure(text, "forecourt_leads", Map.of("stage", stage));
  }

  private static Response view(long vehicle, String visitorId, String userAgent) {
    var request = anonymous().header("User-Agent", userAgent);
    if (visitorId != null) {
      request = request.header("X-Visitor-Id", visitorId);
    }
    return request.post("/vehicles/{id}/views", vehicle);
  }

  @Test
  void leadsConversionAndRevenueFollowTheFunnel() {
    String before = scrape();
    long vehicle = Vehicles.create("21990.00");
    long lead =
        as("sales")
            .contentType(ContentType.JSON)
            .body(Leads.draft("BER", vehicle))
            .post("/leads")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");

    String afterLead = scrape();
    assertEquals(leads(before, "NEW") + 1, leads(afterLead, "NEW"));
    assertEquals(
        figure(before, "forecourt_vehicle_inquiries", Map.of()) + 1,
        figure(afterLead, "forecourt_vehicle_inquiries", Map.of()),
        "a lead naming a vehicle is an inquiry");

    Leads.advance("sales", lead, "CONTACTED", "QUALIFIED");
    long deal = Leads.openDeal(lead, vehicle, "20990.50");
    String negotiating = scrape();
    assertEquals(leads(before, "NEGOTIATION") + 1, leads(negotiating, "NEGOTIATION"));
    assertEquals(leads(before, "NEW"), leads(negotiating, "NEW"));

    Leads.close(as("sales"), deal).then().statusCode(200);
    String won = scrape();
    assertEquals(leads(before, "WON") + 1, leads(won, "WON"));
    assertEquals(leads(before, "NEGOTIATION"), leads(won, "NEGOTIATION"));
    Map<String, String> eur = Map.of("currency", "EUR");
    assertEquals(
        figure(before, "forecourt_revenue", eur) + 20990.50,
        figure(won, "forecourt_revenue", eur),
        0.001);
    assertEquals(
        figure(before, "forecourt_deals_closed", eur) + 1,
        figure(won, "forecourt_deals_closed", eur));
    double wonLeads = leads(won, "WON");
    double lostLeads = leads(won, "LOST");
    assertEquals(
        wonLeads / (wonLeads + lostLeads),
        figure(won, "forecourt_lead_conversion_ratio", Map.of()),
        1e-9);

    Leads.transition(as("sales"), Leads.create("sales"), "LOST", "Too expensive")
        .then()
        .statusCode(200);
    String lost = scrape();
    assertEquals(lostLeads + 1, leads(lost, "LOST"));
    assertEquals(
        wonLeads / (wonLeads + lostLeads + 1),
        figure(lost, "forecourt_lead_conversion_ratio", Map.of()),
        1e-9);
  }

  @Test
  void viewsCountOncePerVisitorPerHour() {
    long vehicle = Vehicles.create("17490.00");
    double before = figure(scrape(), "forecourt_vehicle_views", Map.of());
    String visitor = "visitor-" + UUID.randomUUID();

    view(vehicle, visitor, "Browser A").then().statusCode(204);
    view(vehicle, visitor, "Browser B").then().statusCode(204);
    assertEquals(
        before + 1,
        figure(scrape(), "forecourt_vehicle_views", Map.of()),
        "one visitor id, one view");
    view(vehicle, "visitor-" + UUID.randomUUID(), "Browser A").then().statusCode(204);
    assertEquals(before + 2, figure(scrape(), "forecourt_vehicle_views", Map.of()));
    // without (or with a malformed) visitor id the visitor is the address and the user agent
    String agent = "Browser " + UUID.randomUUID();
    view(vehicle, null, agent).then().statusCode(204);
    view(vehicle, "bad id!", agent).then().statusCode(204);
    assertEquals(before + 3, figure(scrape(), "forecourt_vehicle_views", Map.of()));
    view(vehicle, null, agent + " (other)").then().statusCode(204);
    assertEquals(before + 4, figure(scrape(), "forecourt_vehicle_views", Map.of()));
    // signed-in staff count too (the same endpoint, the same rule)
    as("manager")
        .header("X-Visitor-Id", visitor)
        .post("/vehicles/{id}/views", vehicle)
        .then()
        .statusCode(204);
    assertEquals(
        4,
        ForecourtServer.queryLong(
            "select count(*) from vehicle_view where vehicle_id = " + vehicle));

    as("sales")
        .contentType(ContentType.JSON)
        .body(Leads.draft("BER", vehicle))
        .post("/leads")
        .then()
        .statusCode(201);
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    as("manager")
        .queryParam("from", today)
        .queryParam("to", today)
        .queryParam("limit", 100)
        .get("/reports/vehicle-interest")
        .then()
        .statusCode(200)
        .body("dealerships.find { it.dealershipCode == 'BER' }.views", greaterThanOrEqualTo(4))
        .body("dealerships.find { it.dealershipCode == 'BER' }.inquiries", greaterThanOrEqualTo(1))
        .body("mostViewed.find { it.vehicleId == " + vehicle + " }.views", equalTo(4))
        .body("mostViewed.find { it.vehicleId == " + vehicle + " }.inquiries", equalTo(1))
        .body("mostViewed.find { it.vehicleId == " + vehicle + " }.dealershipCode", equalTo("BER"));
    String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
    as("manager")
        .queryParam("from", yesterday)
        .queryParam("to", yesterday)
        .queryParam("dealership", "BER")
        .get("/reports/vehicle-interest")
        .then()
        .statusCode(200)
        .body("mostViewed.find { it.vehicleId == " + vehicle + " }", equalTo(null));
  }

  @Test
  void theRefreshPeriodKeepsTheFiguresBetweenScrapes() {
    try {
      ForecourtServer.configProperty(REFRESH, "PT1H");
      double cached = leads(scrape(), "NEW");
      Leads.create("sales");
      assertEquals(
          cached,
          leads(scrape(), "NEW"),
          "within the refresh period the figures are not read again");
    } finally {
      ForecourtServer.configProperty(REFRESH, "PT0S");
    }
    double fresh = leads(scrape(), "NEW");
    Leads.create("sales");
    assertEquals(fresh + 1, leads(scrape(), "NEW"));
  }

  static Stream<Arguments> badInput() {
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    return Stream.of(
        bad(
            "view of an unknown vehicle",
            404,
            "not-found",
            v -> anonymous().post("/vehicles/{id}/views", 999_999_999L)),
        bad(
            "view, non-numeric vehicle id",
            404,
            "not-found",
            v -> anonymous().post("/vehicles/abc/views")),
        bad(
            "anonymous view of a sold vehicle",
            404,
            "not-found",
            v -> anonymous().post("/vehicles/{id}/views", v.get())),
        bad("views with GET", 405, "method-not-allowed", v -> anonymous().get("/vehicles/1/views")),
        bad(
            "interest report by sales",
            403,
            "forbidden",
            v ->
                as("sales")
                    .queryParam("from", today)
                    .queryParam("to", today)
                    .get("/reports/vehicle-interest")),
        bad(
            "interest report, anonymous",
            401,
            "unauthenticated",
            v ->
                anonymous()
                    .queryParam("from", today)
                    .queryParam("to", today)
                    .get("/reports/vehicle-interest")),
        bad(
            "interest report of another dealership",
            403,
            "forbidden",
            v ->
                as("manager")
                    .queryParam("from", today)
                    .queryParam("to", today)
                    .queryParam("dealership", "VIE")
                    .get("/reports/vehicle-interest")),
        bad(
            "interest report without from",
            400,
            "invalid-parameter",
            v -> as("manager").queryParam("to", today).get("/reports/vehicle-interest")),
        bad(
            "interest report, to before from",
            400,
            "invalid-parameter",
            v ->
                as("manager")
                    .queryParam("from", today)
                    .queryParam("to", "2020-01-01")
                    .get("/reports/vehicle-interest")),
        bad(
            "interest report, limit 0",
            400,
            "invalid-parameter",
            v ->
                as("manager")
                    .queryParam("from", today)
                    .queryParam("to", today)
                    .queryParam("limit", 0)
                    .get("/reports/vehicle-interest")));
  }

  private static Arguments bad(
      String name,
      int status,
      String type,
      java.util.function.Function<Supplier<Long>, Response> call) {
    return Arguments.of(name, status, type, call);
  }

  /** A vehicle that is SOLD (anonymous callers do not see it). */
  private static long soldVehicle() {
    long vehicle = Vehicles.create("9990.00");
    long lead = Leads.qualified("sales");
    Leads.closedDeal(lead, vehicle, "9990.00");
    return vehicle;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInput")
  void badInputIsAnsweredWithTheExactProblem(
      String name,
      int status,
      String type,
      java.util.function.Function<Supplier<Long>, Response> call) {
    double views = figure(scrape(), "forecourt_vehicle_views", Map.of());
    call.apply(BusinessMetricsIT::soldVehicle)
        .then()
        .statusCode(status)
        .contentType("application/problem+json")
        .body("type", equalTo(PROBLEMS + type))
        .body("status", equalTo(status));
    assertEquals(
        views,
        figure(scrape(), "forecourt_vehicle_views", Map.of()),
        "a refused view is not counted");
  }
}
