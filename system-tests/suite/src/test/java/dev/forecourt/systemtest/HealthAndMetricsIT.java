package dev.forecourt.systemtest;

import static dev.forecourt.systemtest.support.Vehicles.api;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasToString;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forecourt.systemtest.support.Accounts;
import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.Metrics;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** MP Health and MP Metrics of the deployed EAR, as Kubernetes probes and Prometheus see them. */
@ExtendWith(ForecourtServer.class)
class HealthAndMetricsIT {

  @ParameterizedTest
  @ValueSource(strings = {"/health", "/health/live", "/health/ready", "/health/started"})
  void healthEndpointsAreUp(String path) {
    given()
        .baseUri(ForecourtServer.healthUri().toString())
        .get(path)
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"));
  }

  @Test
  void livenessIsTheApplicationsHeapCheck() {
    given()
        .baseUri(ForecourtServer.healthUri().toString())
        .get("/health/live")
        .then()
        .statusCode(200)
        .body("checks.find { it.name == 'heap' }.status", equalTo("UP"))
        .body("checks.find { it.name == 'heap' }.data.maxBytes", notNullValue());
  }

  @Test
  void readinessChecksTheDatabaseAndTheMigrations() {
    given()
        .baseUri(ForecourtServer.healthUri().toString())
        .get("/health/ready")
        .then()
        .statusCode(200)
        .body("checks.name", hasItem("database"))
        .body("checks.find { it.name == 'database' }.data.migrated", hasToString("true"))
        .body("checks.find { it.name == 'database' }.data.reachable", hasToString("true"));
  }

  @Test
  void readinessProvesAuthenticationEndToEndAndTheJobQueues() {
    given()
        .baseUri(ForecourtServer.healthUri().toString())
        .get("/health/ready")
        .then()
        .statusCode(200)
        .body("checks.find { it.name == 'authentication' }.status", equalTo("UP"))
        .body("checks.find { it.name == 'authentication' }.data.tokenVerified", hasToString("true"))
        .body("checks.find { it.name == 'authentication' }.data.httpStatus", hasToString("204"))
        .body("checks.find { it.name == 'jobQueues' }.status", equalTo("UP"));
    // the self-check's endpoint is nobody else's: no token, a staff token, an admin token
    dev.forecourt.systemtest.support.Accounts.anonymous()
        .get("/auth/self-check")
        .then()
        .statusCode(401);
    dev.forecourt.systemtest.support.Accounts.as("admin")
        .get("/auth/self-check")
        .then()
        .statusCode(403);
  }

  @Test
  void readinessAnswersFromTheLastProbeWithoutWaitingForIt() {
    long slowest = 0;
    for (int i = 0; i < 20; i++) {
      long begin = System.nanoTime();
      given()
          .baseUri(ForecourtServer.healthUri().toString())
          .get("/health/ready")
          .then()
          .statusCode(200);
      slowest = Math.max(slowest, (System.nanoTime() - begin) / 1_000_000);
    }
    long shown = slowest;
    java.util.logging.Logger.getLogger(HealthAndMetricsIT.class.getName())
        .info(() -> "Slowest of 20 readiness answers: " + shown + " ms");
    // (MP Health on Payara renders every data value as a string, WildFly's keeps numbers and
    // booleans: hence the string comparisons here and hasToString above)
    long age =
        Long.parseLong(
            given()
                .baseUri(ForecourtServer.healthUri().toString())
                .get("/health/ready")
                .jsonPath()
                .getString("checks.find { it.name == 'database' }.data.probedMillisAgo"));
    assertThat(age, lessThan(5000L));
  }

  @Test
  void readinessIsDownWhenTheApplicationCannotAuthenticateOverHttp() {
    // the self-check pointed at a listener where the application does not answer (the admin port):
    // what a node whose web module or authentication failed looks like from the outside
    String base = ForecourtServer.baseUri().toString();
    String health = ForecourtServer.healthUri().toString();
    ForecourtServer.configProperty(
        "forecourt.health.self-check.base-url", "http://127.0.0.1:" + ForecourtServer.adminPort());
    try {
      long begin = System.nanoTime();
      WebhooksIT.await(
          "readiness DOWN",
          java.time.Duration.ofSeconds(15),
          () -> given().baseUri(health).get("/health/ready").statusCode() == 503);
      long millis = (System.nanoTime() - begin) / 1_000_000;
      java.util.logging.Logger.getLogger(HealthAndMetricsIT.class.getName())
          .info(() -> "Readiness DOWN " + millis + " ms after the self-check broke");
      given()
          .baseUri(health)
          .get("/health/ready")
          .then()
          .statusCode(503)
          .body("checks.find { it.name == 'authentication' }.status", equalTo("DOWN"))
          .body("checks.find { it.name == 'database' }.status", equalTo("UP"));
      given().baseUri(health).get("/health/live").then().statusCode(200);
    } finally {
      ForecourtServer.configProperty("forecourt.health.self-check.base-url", base);
      ForecourtServer.awaitReady();
    }
  }

  @Test
  void statusShowsTheReleaseTheNodeAndItsUptimeToAdminsOnly() {
    api()
        .get("/status")
        .then()
        .statusCode(200)
        .header("Cache-Control", org.hamcrest.Matchers.containsString("no-store"))
        .body("version", equalTo(System.getProperty("forecourt.release")))
        .body("node", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyOrNullString()))
        .body("uptime", startsWith("PT"))
        .body("startedAt", org.hamcrest.Matchers.notNullValue())
        // not clustered: the node alone
        .body("members.size()", equalTo(1));
    Accounts.anonymous()
        .get("/status")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .body("type", org.hamcrest.Matchers.endsWith("/unauthenticated"));
    Accounts.as("sales")
        .get("/status")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("type", org.hamcrest.Matchers.endsWith("/forbidden"));
  }

  @Test
  void readinessWaitsForABusySelfCheckButNotForEver() throws java.io.IOException {
    // a listener that takes the connection and never answers: this node's HTTP threads all busy
    String base = ForecourtServer.baseUri().toString();
    String health = ForecourtServer.healthUri().toString();
    try (java.net.ServerSocket busy =
        new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      ForecourtServer.configProperty(
          "forecourt.health.self-check.base-url", "http://127.0.0.1:" + busy.getLocalPort());
      try {
        // several probes (every 2 s, 2 s time-out) go unanswered: readiness keeps its last answer
        dev.forecourt.systemtest.support.Poll.pause(java.time.Duration.ofSeconds(9));
        given()
            .baseUri(health)
            .get("/health/ready")
            .then()
            .statusCode(200)
            .body(
                "checks.find { it.name == 'authentication' }.data.httpStatus",
                org.hamcrest.Matchers.containsString("busy"));
        // unanswered for longer than forecourt.health.self-check.patience: DOWN
        ForecourtServer.configProperty("forecourt.health.self-check.patience", "PT1S");
        WebhooksIT.await(
            "readiness DOWN",
            java.time.Duration.ofSeconds(15),
            () -> given().baseUri(health).get("/health/ready").statusCode() == 503);
        given()
            .baseUri(health)
            .get("/health/ready")
            .then()
            .statusCode(503)
            .body(
                "checks.find { it.name == 'authentication' }.data.reason",
                org.hamcrest.Matchers.containsString("no answer within 2 s"));
      } finally {
        ForecourtServer.removeConfigProperty("forecourt.health.self-check.patience");
        ForecourtServer.configProperty("forecourt.health.self-check.base-url", base);
        ForecourtServer.awaitReady();
      }
    }
  }

  @Test
  void startedReportsEveryStartUpPhase() {
    given()
        .baseUri(ForecourtServer.healthUri().toString())
        .get("/health/started")
        .then()
        .statusCode(200)
        .body("checks.find { it.name == 'startup' }.status", equalTo("UP"))
        .body("checks.find { it.name == 'startup' }.data.migrations", startsWith("done"))
        .body("checks.find { it.name == 'startup' }.data.signingKeys", startsWith("done"))
        .body("checks.find { it.name == 'startup' }.data.demoData", startsWith("done"))
        .body("checks.find { it.name == 'startup' }.data.firstReadinessProbe", startsWith("done"));
  }

  @Test
  void requestsArePublishedPerEndpointTemplate() {
    Map<String, String> labels =
        Map.of("method", "GET", "endpoint", "/vehicles/{id}", "status", "200");
    double before = Metrics.sum("forecourt_http_requests_seconds_count", labels);
    long id = dev.forecourt.systemtest.support.Vehicles.create("12345.00");
    for (int i = 0; i < 3; i++) {
      api().get("/vehicles/{id}", id).then().statusCode(200);
    }
    api().get("/vehicles/{id}", 999_999_999L).then().statusCode(404);
    String text = Metrics.scrape();
    assertTrue(Metrics.sum(text, "forecourt_http_requests_seconds_count", labels) - before >= 3);
    assertTrue(
        Metrics.sum(
                text,
                "forecourt_http_requests_seconds_count",
                Map.of("method", "GET", "endpoint", "/vehicles/{id}", "status", "404"))
            >= 1);
    assertTrue(
        Metrics.sum(
                text,
                "forecourt_http_requests_seconds_count",
                Map.of("endpoint", "/vehicles", "method", "POST"))
            >= 1);
  }

  @Test
  void prometheusSeesTheFaultToleranceAndCacheSeries() {
    api()
        .get(
            "/vehicles/{id}/valuation", dev.forecourt.systemtest.support.Vehicles.create("5000.00"))
        .then()
        .statusCode(200);
    String text = Metrics.scrape();
    assertTrue(text.contains("ft_invocations_total{"), "ft_* series");
    // (Payara: ft_circuitbreaker_state_total; WildFly's Micrometer names it with its unit)
    assertTrue(
        text.lines()
            .anyMatch(
                l -> l.startsWith("ft_circuitbreaker_state") && l.contains("state=\"closed\"")),
        "circuit breaker series");
    assertTrue(text.contains("forecourt_l2_cache_hits"), "L2 cache gauges");
    // the server's own series differ: Payara's JDBC pool forecourt-pool, WildFly's ForecourtDS
    assertTrue(
        text.contains(
            ForecourtServer.onWildFly()
                ? "name=\"ForecourtDS\",subdeployment=\"\",type=\"data-source\""
                : "connection_pool_forecourt_pool"),
        "JDBC pool of the server");
  }
}
