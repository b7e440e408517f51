package dev.forecourt.systemtest;

import static dev.forecourt.systemtest.support.Accounts.anonymous;
import static dev.forecourt.systemtest.support.Accounts.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.Poll;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Forecourt's JSON log on the deployed EAR: one JSON object per line in the instance's {@code
 * logs/forecourt.json.log.0}, application lines and access lines carrying the request's correlation
 * id, the caller's W3C trace id and the user; log levels changed by an admin at runtime (audited,
 * stored for every node), with their bad-input paths.
 */
@ExtendWith(ForecourtServer.class)
class LogsIT {

  private static final String PROBLEMS = "https://forecourt.dev/problems/";
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String OBSERVABILITY = "dev.forecourt.platform.observability";

  @AfterAll
  static void removeLevels() {
    for (String logger : List.of(OBSERVABILITY, "dev.forecourt.sales")) {
      as("admin").delete("/admin/log-levels/{logger}", logger);
    }
  }

  @Test
  void everyRequestHasAnAccessLineWithItsIdsAndEveryLineIsJson() {
    String correlation = "log-" + UUID.randomUUID();
    long vehicle =
        ForecourtServer.queryLong("select min(id) from vehicle where status = 'AVAILABLE'");
    as("manager")
        .header("X-Correlation-Id", correlation)
        .header("traceparent", "00-" + TRACE + "-00f067aa0ba902b7-01")
        .get("/vehicles/{id}", vehicle)
        .then()
        .statusCode(200);

    JsonPath access = awaitLine(correlation, "dev.forecourt.access");
    assertEquals("access", access.getString("message"));
    assertEquals("GET", access.getString("method"));
    assertEquals("/vehicles/{id}", access.getString("endpoint"), "the template, not the path");
    assertEquals(200, access.getInt("status"));
    assertTrue(access.getDouble("durationMillis") > 0);
    assertEquals(TRACE, access.getString("traceId"));
    assertEquals("manager", access.getString("user"));
    assertEquals("127.0.0.1", access.getString("client"));
    assertEquals("INFO", access.getString("level"));
    assertFalse(access.getString("timestamp").isBlank());
    assertFalse(access.getString("node").isBlank());

    // an anonymous request without a traceparent: no user, no trace id
    String anonymousCorrelation = "log-" + UUID.randomUUID();
    anonymous()
        .header("X-Correlation-Id", anonymousCorrelation)
        .get("/vehicles/{id}", vehicle)
        .then()
        .statusCode(200);
    JsonPath anonymousLine = awaitLine(anonymousCorrelation, "dev.forecourt.access");
    assertNull(anonymousLine.get("user"));
    assertNull(anonymousLine.get("traceId"));

    for (String line : lines()) {
      assertTrue(line.startsWith("{") && line.endsWith("}"), line);
      new JsonPath(line).getString("level"); // parses
    }
  }

  @Test
  void aLevelSetByAnAdminAppliesIsAuditedAndCanBeRemoved() {
    // the observability package at WARNING: its INFO line about the next change is not written
    String quiet = "log-" + UUID.randomUUID();
    setLevel(OBSERVABILITY, "WARNING", quiet).then().statusCode(200);
    String suppressed = "log-" + UUID.randomUUID();
    JsonPath set =
        setLevel("dev.forecourt.sales", "FINE", suppressed)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals("FINE", set.getString("level"));
    assertEquals("FINE", set.getString("effective"));
    assertEquals("admin", set.getString("changedBy"));
    awaitLine(suppressed, "dev.forecourt.access");
    assertTrue(
        find(suppressed, "dev.forecourt.platform.observability.LogLevels").isEmpty(),
        "the INFO line of a logger set to WARNING was written");

    JsonPath listed =
        as("admin").get("/admin/log-levels").then().statusCode(200).extract().jsonPath();
    assertEquals(
        "WARNING", listed.getString("find { it.logger == '" + OBSERVABILITY + "' }.level"));
    assertEquals("FINE", listed.getString("find { it.logger == 'dev.forecourt.sales' }.effective"));
    assertEquals("INFO", listed.getString("find { it.logger == 'dev.forecourt' }.effective"));

    // removed: INFO again, and the line of the next change is written, with its correlation id
    as("admin").delete("/admin/log-levels/{logger}", OBSERVABILITY).then().statusCode(204);
    String heard = "log-" + UUID.randomUUID();
    setLevel("dev.forecourt.sales", "INFO", heard).then().statusCode(200);
    JsonPath line = awaitLine(heard, "dev.forecourt.platform.observability.LogLevels");
    assertEquals(
        "Log level of dev.forecourt.sales set to INFO by admin", line.getString("message"));
    assertEquals("admin", line.getString("user"));

    // audited: who, what, from where
    JsonPath audit =
        as("admin")
            .queryParam("correlationId", quiet)
            .get("/admin/audit")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals("log-level", audit.getString("items[0].entityType"));
    assertEquals("set", audit.getString("items[0].action"));
    assertEquals(OBSERVABILITY, audit.getString("items[0].entityId"));
    assertEquals("SUCCESS", audit.getString("items[0].outcome"));
  }

  @Test
  void badLevelChangesAreRefusedWithTheirProblem() {
    setLevel("org.hibernate.SQL", "FINE", "log-bad")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", org.hamcrest.Matchers.equalTo(PROBLEMS + "invalid-parameter"));
    setLevel("dev.forecourt.sales", "LOUD", "log-bad")
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("type", org.hamcrest.Matchers.equalTo(PROBLEMS + "validation-failed"));
    as("admin")
        .delete("/admin/log-levels/{logger}", "dev.forecourt.nothing.set")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("type", org.hamcrest.Matchers.equalTo(PROBLEMS + "not-found"));
    as("manager")
        .contentType(ContentType.JSON)
        .body(Map.of("level", "FINE"))
        .put("/admin/log-levels/{logger}", "dev.forecourt.sales")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    anonymous().get("/admin/log-levels").then().statusCode(401);
  }

  private static io.restassured.response.Response setLevel(
      String logger, String level, String correlation) {
    return as("admin")
        .header("X-Correlation-Id", correlation)
        .contentType(ContentType.JSON)
        .body(Map.of("level", level))
        .put("/admin/log-levels/{logger}", logger);
  }

  private static JsonPath awaitLine(String correlation, String logger) {
    return Poll.until(
            Duration.ofSeconds(10),
            () -> find(correlation, logger),
            Optional::isPresent,
            "a line of " + logger + " with correlation id " + correlation)
        .orElseThrow();
  }

  private static Optional<JsonPath> find(String correlation, String logger) {
    return lines().stream()
        .filter(l -> l.contains(correlation))
        .map(JsonPath::new)
        .filter(j -> correlation.equals(j.getString("correlationId")))
        .filter(j -> logger.equals(j.getString("logger")))
        .findFirst();
  }

  private static List<String> lines() {
    try {
      return Files.readAllLines(ForecourtServer.jsonLog());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
