package dev.forecourt.systemtest;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forecourt.systemtest.support.Accounts;
import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.Leads;
import dev.forecourt.systemtest.support.Metrics;
import dev.forecourt.systemtest.support.Poll;
import dev.forecourt.systemtest.support.Vehicles;
import dev.forecourt.systemtest.support.WebhookReceiver;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The SLA monitor on the deployed EAR: objectives breached by a slow valuation service (latency)
 * and by a database outage (server errors, readiness), each alerted by a signed {@code
 * sla.violated} webhook and, once the window has slid past, by {@code sla.recovered}; the incidents
 * recorded with their start and end, the figures in {@code /metrics}, the report for admins only.
 * The window is shortened to 15 s (and the minimum of answers to 10) through MP Config, as an
 * operator would, for the duration of this class.
 */
@ExtendWith(ForecourtServer.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlaIT {

  private static final Logger LOG = Logger.getLogger(SlaIT.class.getName());
  private static final String PROBLEMS = "https://forecourt.dev/problems/";
  private static final String WINDOW = "forecourt.sla.window";
  private static final String MIN_REQUESTS = "forecourt.sla.min-requests";
  private static final Duration ALERT_WITHIN = Duration.ofSeconds(45);
  private static final String QUOTE = "{\"vin\":\"X\",\"amount\":21000.00,\"currency\":\"EUR\"}";

  private static WebhookReceiver receiver;

  @BeforeAll
  static void shortWindow() {
    ForecourtServer.configProperty(WINDOW, "PT15S");
    ForecourtServer.configProperty(MIN_REQUESTS, "10");
    ForecourtServer.healthyValuationService();
    // what earlier classes left in the window (errors, slow answers) slides out under fast traffic
    Poll.until(
        Duration.ofSeconds(60),
        () -> {
          pings(5);
          JsonPath report = report();
          // incidents of other nodes (a cluster's instances that were stopped) stay as they were
          return objectiveStates(report).values().stream().allMatch("met"::equals)
              && report
                  .getList(
                      "incidents.findAll { it.endedAt == null && it.node == '"
                          + report.getString("node")
                          + "' }")
                  .isEmpty();
        },
        "every objective met over the 15 s window, no incident of this node open");
    receiver = new WebhookReceiver();
    receiver.subscribe(() -> Accounts.as("admin"), List.of("sla.violated", "sla.recovered"));
  }

  @AfterAll
  static void restore() {
    ForecourtServer.startDatabaseIfStopped();
    ForecourtServer.healthyValuationService();
    ForecourtServer.removeConfigProperty(WINDOW);
    ForecourtServer.removeConfigProperty(MIN_REQUESTS);
    if (receiver != null) {
      // and its subscription: the alerts of later classes' outages must not queue deliveries to a
      // closed receiver
      receiver.close();
    }
  }

  @Test
  @Order(1)
  void aSlowValuationServiceBreachesTheLatencyObjectiveUntilTheWindowSlidesPast() {
    long vehicle = Vehicles.create("20000.00");
    ForecourtServer.valuationStub()
        .stubFor(
            get(urlPathEqualTo("/valuations")).willReturn(okJson(QUOTE).withFixedDelay(1_300)));
    for (int i = 0; i < 3; i++) {
      Vehicles.api().get("/vehicles/{id}/valuation", vehicle).then().statusCode(200);
    }
    pings(12);
    JsonPath violated = alert("sla.violated", "latency");
    assertEquals(1.0, violated.getDouble("data.threshold"), 1e-9, "the objective: p99 <= 1 s");
    assertTrue(violated.getDouble("data.measured") > 1.0, violated.prettify());
    assertEquals(15, violated.getLong("data.windowSeconds"));
    assertNotNull(violated.getString("data.node"));
    assertEquals(
        1.0,
        Metrics.sum("forecourt_sla_breached", Map.of("objective", "latency")),
        "the gauge while the incident is open");

    ForecourtServer.healthyValuationService();
    JsonPath recovered = awaitRecovery(violated);
    assertNotNull(recovered.getString("data.endedAt"));
    assertEquals(0.0, Metrics.sum("forecourt_sla_breached", Map.of("objective", "latency")));

    JsonPath report = report();
    Map<String, Object> incident =
        report.getMap(
            "incidents.find { it.id == '" + violated.getString("data.incidentId") + "' }");
    assertEquals("latency", incident.get("objective"));
    assertNotNull(incident.get("startedAt"));
    assertNotNull(incident.get("endedAt"), "closed when the objective was met again");
  }

  @Test
  @Order(2)
  void aDatabaseOutageBreachesTheErrorRateAndAvailabilityObjectives() {
    String token = Accounts.token("admin");
    ForecourtServer.stopDatabase();
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
      int refused = 0;
      while (System.nanoTime() < deadline) {
        int status =
            Accounts.bearer(token)
                .contentType(ContentType.JSON)
                .body(Leads.draft("BER", null))
                .post("/leads")
                .statusCode();
        if (status == 503) {
          refused++;
        }
        Accounts.anonymous().get("/ping");
        Poll.pause(Duration.ofMillis(300));
      }
      assertTrue(refused > 5, "writes refused with 503 during the outage: " + refused);
    } finally {
      ForecourtServer.startDatabase();
    }
    // the incidents are recorded (and alerted) once the database is back, while the window still
    // holds the outage
    JsonPath errors = awaitAlertUnderTraffic("sla.violated", "error-rate");
    assertTrue(errors.getDouble("data.measured") > 0.01, errors.prettify());
    JsonPath availability = awaitAlertUnderTraffic("sla.violated", "availability");
    assertTrue(availability.getDouble("data.measured") < 0.999, availability.prettify());

    awaitRecovery(errors);
    awaitRecovery(availability);
    LOG.info(
        () ->
            "SLA alerts of a database outage: error rate "
                + errors.getDouble("data.measured")
                + " (objective 0.01), availability "
                + availability.getDouble("data.measured")
                + " (objective 0.999); both recovered");
  }

  @Test
  @Order(3)
  void everyAlertIsSignedAndCarriesNoPersonalData() {
    List<WebhookReceiver.Delivery> deliveries = receiver.received();
    assertFalse(deliveries.isEmpty());
    for (WebhookReceiver.Delivery d : deliveries) {
      assertTrue(d.signatureValid(), "signed with the subscription's secret: " + d.body());
      assertFalse(d.body().contains("@"), "no e-mail address, no user: " + d.body());
    }
  }

  @Test
  @Order(4)
  void theReportShowsObjectivesWindowsAndTheErrorBudget() {
    JsonPath report = report();
    assertEquals(0.999, report.getDouble("objectives.availability"), 1e-9);
    assertEquals(1.0, report.getDouble("objectives.latencySeconds"), 1e-9);
    assertEquals(0.01, report.getDouble("objectives.errorRate"), 1e-9);
    assertEquals("PT15S", report.getString("windows[0].window"));
    assertEquals("PT1H", report.getString("windows[1].window"));
    assertEquals(
        List.of("availability", "latency", "error-rate"),
        report.getList("windows[0].objectives.objective"));
    assertTrue(report.getLong("windows[1].answers") > 0);
    assertTrue(report.getLong("windows[1].serverErrors") > 0, "the outage's 503s in the hour");
    assertEquals("P30D", report.getString("errorBudget.period"));
    assertNotNull(report.getString("node"));
    assertTrue(
        Metrics.sum("forecourt_sla_error_ratio", Map.of("window", "1h")) > 0,
        "the hour's error ratio in /metrics");
  }

  @Test
  @Order(5)
  void onlyAdminsReadTheReport() {
    Accounts.anonymous()
        .get("/admin/sla")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .body("type", equalTo(PROBLEMS + "unauthenticated"));
    Accounts.as("manager")
        .get("/admin/sla")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("type", equalTo(PROBLEMS + "forbidden"));
  }

  // --- helpers ---------------------------------------------------------------------------------

  private static void pings(int n) {
    for (int i = 0; i < n; i++) {
      Accounts.anonymous().get("/ping").then().statusCode(200);
    }
  }

  private static JsonPath report() {
    return Accounts.as("admin").get("/admin/sla").then().statusCode(200).extract().jsonPath();
  }

  /** Each objective's status over the objectives' window. */
  private static Map<String, String> objectiveStates(JsonPath report) {
    List<String> names = report.getList("windows[0].objectives.objective");
    List<String> states = report.getList("windows[0].objectives.status");
    Map<String, String> byName = new java.util.LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      byName.put(names.get(i), states.get(i));
    }
    return byName;
  }

  /** The alert of {@code type} for {@code objective} received within {@link #ALERT_WITHIN}. */
  private static JsonPath alert(String type, String objective) {
    return Poll.until(
            ALERT_WITHIN, () -> find(type, objective), Optional::isPresent, type + " " + objective)
        .orElseThrow();
  }

  /** The same, while answering fast pings (a window needs answers to be judged). */
  private static JsonPath awaitAlertUnderTraffic(String type, String objective) {
    return Poll.until(
            ALERT_WITHIN,
            () -> {
              pings(2);
              return find(type, objective);
            },
            Optional::isPresent,
            type + " " + objective)
        .orElseThrow();
  }

  /** The {@code sla.recovered} of the incident {@code violated} opened, under fast traffic. */
  private static JsonPath awaitRecovery(JsonPath violated) {
    String incident = violated.getString("data.incidentId");
    return Poll.until(
            ALERT_WITHIN,
            () -> {
              pings(2);
              return received("sla.recovered", "data.incidentId", incident);
            },
            Optional::isPresent,
            "sla.recovered of incident " + incident)
        .orElseThrow();
  }

  private static Optional<JsonPath> find(String type, String objective) {
    return received(type, "data.objective", objective);
  }

  /** The first alert received of {@code type} whose field {@code path} is {@code value}. */
  private static Optional<JsonPath> received(String type, String path, String value) {
    return receiver.received().stream()
        .map(d -> new JsonPath(d.body()))
        .filter(b -> type.equals(b.getString("type")))
        .filter(b -> value.equals(b.getString(path)))
        .findFirst();
  }
}
