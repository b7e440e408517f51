package dev.forecourt.systemtest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forecourt.systemtest.support.Accounts;
import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.Leads;
import dev.forecourt.systemtest.support.Poll;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Maintenance mode on the deployed EAR: while an admin has it on, a write is 503 {@code
 * maintenance} with {@code Retry-After} and the admin's message and writes nothing, reads, sign-in
 * and readiness stay up (readiness shows the mode), only admins can switch, bad switches are
 * refused, switching off lets writes through again and both switches are in the audit trail. Every
 * test leaves maintenance off (other classes share the server).
 */
@ExtendWith(ForecourtServer.class)
class MaintenanceModeIT {

  private static final String PROBLEMS = "https://forecourt.dev/problems/";
  private static final Duration HEALTH_DEADLINE = Duration.ofSeconds(20);

  @AfterEach
  void switchOff() {
    admin(null)
        .body(Map.of("active", false))
        .put("/admin/maintenance")
        .then()
        .statusCode(200)
        .body("active", equalTo(false));
  }

  private static RequestSpecification admin(String correlationId) {
    RequestSpecification r = Accounts.as("admin").contentType(ContentType.JSON);
    return correlationId == null ? r : r.header("X-Correlation-Id", correlationId);
  }

  @Test
  void writesAreRefusedWhileReadsSignInAndReadinessStayUpThenSwitchingOffLetsThemThrough() {
    String message = "Database upgrade, back at 23:30 UTC " + UUID.randomUUID();
    String on = "maintenance-on-" + UUID.randomUUID();
    String off = "maintenance-off-" + UUID.randomUUID();
    try {
      admin(on)
          .body(Map.of("active", true, "message", message, "retryAfterSeconds", 120))
          .put("/admin/maintenance")
          .then()
          .statusCode(200)
          .body("active", equalTo(true))
          .body("message", equalTo(message))
          .body("retryAfterSeconds", equalTo(120))
          .body("changedBy", equalTo("admin"))
          .body("since", not(nullValue()));
      Accounts.as("admin")
          .get("/admin/maintenance")
          .then()
          .statusCode(200)
          .body("active", equalTo(true))
          .body("message", equalTo(message));

      long leads = ForecourtServer.queryLong("select count(*) from sales_lead");
      Accounts.as("sales")
          .contentType(ContentType.JSON)
          .body(Leads.draft("BER", null))
          .post("/leads")
          .then()
          .statusCode(503)
          .contentType("application/problem+json")
          .header("Retry-After", "120")
          .body("type", equalTo(PROBLEMS + "maintenance"))
          .body("status", equalTo(503))
          .body("detail", equalTo(message));
      assertEquals(
          leads,
          ForecourtServer.queryLong("select count(*) from sales_lead"),
          "nothing was written");
      // a DELETE and a PUT are writes too
      Accounts.as("admin")
          .delete("/vehicles/{id}", 999_999_999L)
          .then()
          .statusCode(503)
          .body("type", equalTo(PROBLEMS + "maintenance"));
      // reads are served
      Accounts.as("sales").get("/leads").then().statusCode(200);
      // sign-in and refresh still work
      JsonPath tokens =
          Accounts.login("sales", Accounts.demoPassword())
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      Accounts.anonymous()
          .contentType(ContentType.JSON)
          .body(Map.of("refresh_token", tokens.getString("refresh_token")))
          .post("/auth/refresh")
          .then()
          .statusCode(200);
      // readiness stays UP and shows the mode (its probe runs in the background)
      // (MP Health on Payara renders every data value as a string)
      JsonPath ready =
          awaitReadiness(
              r ->
                  "true"
                      .equals(r.getString("checks.find { it.name == 'maintenance' }.data.active")));
      assertEquals("UP", ready.getString("status"));
      assertEquals("UP", ready.getString("checks.find { it.name == 'maintenance' }.status"));
      assertEquals(
          message, ready.getString("checks.find { it.name == 'maintenance' }.data.message"));
      assertTrue(!ready.getString("checks.find { it.name == 'maintenance' }.data.since").isBlank());
      given()
          .baseUri(ForecourtServer.healthUri().toString())
          .get("/health")
          .then()
          .statusCode(200)
          .body("status", equalTo("UP"))
          .body("checks.name", hasItem("maintenance"));
    } finally {
      admin(off)
          .body(Map.of("active", false))
          .put("/admin/maintenance")
          .then()
          .statusCode(200)
          .body("active", equalTo(false));
    }
    long created = Leads.create("sales");
    assertEquals(
        1, ForecourtServer.queryLong("select count(*) from sales_lead where id = " + created));
    awaitReadiness(
        r -> "false".equals(r.getString("checks.find { it.name == 'maintenance' }.data.active")));

    for (String[] expected : new String[][] {{on, "true"}, {off, "false"}}) {
      JsonPath audit =
          Accounts.as("admin")
              .queryParam("correlationId", expected[0])
              .get("/admin/audit")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      assertEquals(1, audit.getList("items").size(), expected[0]);
      assertEquals("maintenance", audit.getString("items[0].entityType"));
      assertEquals("switch", audit.getString("items[0].action"));
      assertEquals("SUCCESS", audit.getString("items[0].outcome"));
      assertEquals("admin", audit.getString("items[0].subject"));
      assertTrue(
          audit.getString("items[0].changes").contains("\"active\":" + expected[1]),
          audit.getString("items[0].changes"));
    }
  }

  @Test
  void onlyAdminsSeeAndSwitchIt() {
    Map<String, Object> on =
        Map.of("active", true, "message", "not yours to switch", "retryAfterSeconds", 60);
    for (String who : new String[] {"sales", "manager"}) {
      Accounts.as(who)
          .contentType(ContentType.JSON)
          .body(on)
          .put("/admin/maintenance")
          .then()
          .statusCode(403)
          .body("type", equalTo(PROBLEMS + "forbidden"));
      Accounts.as(who)
          .get("/admin/maintenance")
          .then()
          .statusCode(403)
          .body("type", equalTo(PROBLEMS + "forbidden"));
    }
    Accounts.anonymous()
        .contentType(ContentType.JSON)
        .body(on)
        .put("/admin/maintenance")
        .then()
        .statusCode(401)
        .body("type", equalTo(PROBLEMS + "unauthenticated"));
    Accounts.anonymous()
        .get("/admin/maintenance")
        .then()
        .statusCode(401)
        .body("type", equalTo(PROBLEMS + "unauthenticated"));
    Accounts.as("admin")
        .get("/admin/maintenance")
        .then()
        .statusCode(200)
        .body("active", equalTo(false));
  }

  static Stream<Arguments> badSwitches() {
    return Stream.of(
        bad(
            "a message of 501 characters",
            422,
            "validation-failed",
            "message",
            r -> r.contentType(ContentType.JSON).body(body(true, "x".repeat(501), 300))),
        bad(
            "retryAfterSeconds 0",
            422,
            "validation-failed",
            "retryAfterSeconds",
            r -> r.contentType(ContentType.JSON).body(body(true, "upgrade", 0))),
        bad(
            "retryAfterSeconds 86401",
            422,
            "validation-failed",
            "retryAfterSeconds",
            r -> r.contentType(ContentType.JSON).body(body(true, "upgrade", 86_401))),
        bad(
            "active missing",
            422,
            "validation-failed",
            "active",
            r ->
                r.contentType(ContentType.JSON)
                    .body(Map.of("message", "upgrade", "retryAfterSeconds", 300))),
        bad(
            "retryAfterSeconds given text",
            400,
            "malformed-request",
            null,
            r ->
                r.contentType(ContentType.JSON)
                    .body("{\"active\":true,\"retryAfterSeconds\":\"soon\"}")),
        bad(
            "malformed JSON",
            400,
            "malformed-request",
            null,
            r -> r.contentType(ContentType.JSON).body("{\"active\": ")),
        bad(
            "an empty body",
            400,
            "malformed-request",
            null,
            r -> r.contentType(ContentType.JSON).body("")),
        bad(
            "wrong Content-Type",
            415,
            "unsupported-media-type",
            null,
            r -> r.contentType(ContentType.TEXT).body("active=true")));
  }

  private static Map<String, Object> body(boolean active, String message, int retryAfterSeconds) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("active", active);
    body.put("message", message);
    body.put("retryAfterSeconds", retryAfterSeconds);
    return body;
  }

  private static Arguments bad(
      String name,
      int status,
      String type,
      String field,
      Function<RequestSpecification, RequestSpecification> request) {
    return Arguments.of(name, status, type, field, request);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSwitches")
  void badSwitchesAreRefusedAndChangeNothing(
      String name,
      int status,
      String type,
      String field,
      Function<RequestSpecification, RequestSpecification> request) {
    Response response = request.apply(Accounts.as("admin")).put("/admin/maintenance");
    response
        .then()
        .statusCode(status)
        .contentType("application/problem+json")
        .body("type", equalTo(PROBLEMS + type))
        .body("detail", not(containsString("Exception")));
    if (field != null) {
      response.then().body("errors.field", hasItem(field));
    }
    Accounts.as("admin")
        .get("/admin/maintenance")
        .then()
        .statusCode(200)
        .body("active", equalTo(false));
  }

  /** The readiness answer once {@code condition} holds, polled until a deadline. */
  private static JsonPath awaitReadiness(Predicate<JsonPath> condition) {
    return Poll.until(
        HEALTH_DEADLINE,
        () -> {
          Response response =
              given().baseUri(ForecourtServer.healthUri().toString()).get("/health/ready");
          assertEquals(200, response.statusCode(), "readiness stays UP");
          return response.jsonPath();
        },
        condition,
        "readiness showing the expected maintenance state");
  }
}
