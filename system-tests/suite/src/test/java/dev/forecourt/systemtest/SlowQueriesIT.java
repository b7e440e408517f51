package dev.forecourt.systemtest;

import static dev.forecourt.systemtest.support.Accounts.anonymous;
import static dev.forecourt.systemtest.support.Accounts.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.Leads;
import dev.forecourt.systemtest.support.Metrics;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Slow statements and statement-heavy requests (N+1 suspects) on the deployed EAR: each API
 * request's statements are counted on the request's thread through Hibernate's statement inspector
 * and session events; what passes {@code forecourt.db.slow-statement} or {@code
 * forecourt.db.statements-per-request} is counted in {@code /metrics} with the endpoint template
 * and listed at {@code GET /api/v1/admin/slow-queries} with the statement's shape, never a value.
 * The thresholds are lowered through MP Config, as an operator would, for each test.
 */
@ExtendWith(ForecourtServer.class)
class SlowQueriesIT {

  private static final Logger LOG = Logger.getLogger(SlowQueriesIT.class.getName());
  private static final String SLOW = "forecourt.db.slow-statement";
  private static final String PER_REQUEST = "forecourt.db.statements-per-request";

  @AfterAll
  static void defaults() {
    ForecourtServer.removeConfigProperty(SLOW);
    ForecourtServer.removeConfigProperty(PER_REQUEST);
  }

  @Test
  void aSlowStatementIsListedWithItsEndpointAndShapeButNoValue() {
    ForecourtServer.configProperty(SLOW, "PT0S"); // every statement is slower than 0
    String marker = "Zq" + UUID.randomUUID().toString().substring(0, 8);
    String correlation = "slow-" + UUID.randomUUID();
    Map<String, String> labels =
        Map.of("method", "GET", "endpoint", "/vehicles", "statement", "select vehicle");
    double before = Metrics.sum("forecourt_db_slow_statements_total", labels);

    // a search nobody made before (not in the response cache): it queries the database
    as("admin")
        .header("X-Correlation-Id", correlation)
        .get("/vehicles?make={make}&limit=5", marker)
        .then()
        .statusCode(200);

    JsonPath listing = listing();
    List<Map<String, Object>> mine =
        listing.getList("slowStatements.findAll { it.correlationId == '" + correlation + "' }");
    assertFalse(mine.isEmpty(), listing.prettify());
    for (Map<String, Object> s : mine) {
      assertEquals("GET", s.get("method"));
      assertEquals("/vehicles", s.get("endpoint"));
      String statement = (String) s.get("statement");
      assertFalse(statement.contains(marker), "no value in the shape: " + statement);
      assertTrue(((Number) s.get("millis")).doubleValue() >= 0);
    }
    assertTrue(
        mine.stream().anyMatch(s -> ((String) s.get("statement")).contains("from vehicle")),
        mine.toString());
    assertEquals(0.0, listing.getDouble("slowStatementMillis"));
    assertTrue(Metrics.sum("forecourt_db_slow_statements_total", labels) > before);
  }

  @Test
  void aRequestSendingTooManyStatementsIsListedWithTheStatementItRepeats() {
    ForecourtServer.configProperty(PER_REQUEST, "1");
    double before =
        Metrics.sum(
            "forecourt_db_statement_heavy_requests_total",
            Map.of("method", "POST", "endpoint", "/leads"));
    Map<String, Object> draft = Leads.draft("BER", null);
    @SuppressWarnings("unchecked")
    String email = (String) ((Map<String, Object>) draft.get("customer")).get("email");
    String correlation = "heavy-" + UUID.randomUUID();
    // a new lead: the customer, the lead, its event, its audit record (several statements)
    as("sales")
        .header("X-Correlation-Id", correlation)
        .contentType(ContentType.JSON)
        .body(draft)
        .post("/leads")
        .then()
        .statusCode(201);
    JsonPath listing = listing();
    Map<String, Object> heavy = heavy(listing, correlation);
    assertNotNull(heavy, listing.prettify());
    assertEquals("POST", heavy.get("method"));
    assertEquals("/leads", heavy.get("endpoint"));
    assertTrue((Integer) heavy.get("statements") > 1, heavy.toString());
    assertTrue((Integer) heavy.get("repeated") >= 1, heavy.toString());
    String repeated = (String) heavy.get("mostRepeated");
    assertFalse(repeated.isBlank());
    assertFalse(listing.prettify().contains(email), "no value of the request in the listing");
    assertEquals(1, listing.getInt("statementsPerRequest"));
    assertEquals(
        before + 1,
        Metrics.sum(
            "forecourt_db_statement_heavy_requests_total",
            Map.of("method", "POST", "endpoint", "/leads")));
  }

  /** A page of leads costs the same few statements however many leads it holds: no N+1. */
  @Test
  void aListIsNotNPlusOne() {
    for (int i = 0; i < 25; i++) {
      Leads.create("sales"); // each with its own customer
    }
    ForecourtServer.configProperty(PER_REQUEST, "1");
    for (int limit : List.of(1, 25)) {
      String correlation = "list-" + limit + "-" + UUID.randomUUID();
      int listed =
          as("admin")
              .header("X-Correlation-Id", correlation)
              .get("/leads?limit={limit}", limit)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getList("items")
              .size();
      Map<String, Object> heavy = heavy(listing(), correlation);
      int statements = heavy == null ? 1 : (Integer) heavy.get("statements");
      LOG.info(
          () ->
              "GET /leads?limit="
                  + limit
                  + ": "
                  + listed
                  + " leads, "
                  + statements
                  + " statements"
                  + (heavy == null ? "" : ", most repeated " + heavy.get("repeated") + "×"));
      assertEquals(limit, listed);
      assertTrue(statements <= 3, limit + " leads: " + heavy);
    }
  }

  private static Map<String, Object> heavy(JsonPath listing, String correlation) {
    return listing.getMap("heavyRequests.find { it.correlationId == '" + correlation + "' }");
  }

  @Test
  void onlyAdminsSeeTheListing() {
    anonymous().get("/admin/slow-queries").then().statusCode(401);
    as("manager")
        .get("/admin/slow-queries")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
  }

  private static JsonPath listing() {
    return as("admin").get("/admin/slow-queries").then().statusCode(200).extract().jsonPath();
  }
}
