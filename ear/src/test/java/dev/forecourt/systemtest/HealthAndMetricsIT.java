package dev.forecourt.systemtest;

import static dev.forecourt.systemtest.support.Vehicles.api;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forecourt.systemtest.support.Accounts;
import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.Metrics;
import java.util.List;
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
        .baseUri(ForecourtServer.baseUri().toString())
        .get(path)
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"));
  }

  @Test
  void livenessIsTheApplicationsHeapCheck() {
    given()
        .baseUri(ForecourtServer.baseUri().toString())
        .get("/health/live")
        .then()
        .statusCode(200)
        .body("checks.find { it.name == 'heap' }.status", equalTo("UP"))
        .body("checks.find { it.name == 'heap' }.data.maxBytes", notNullValue());
  }

  @Test
  void readinessChecksTheDatabaseAndTheMigrations() {
    given()
        .baseUri(ForecourtServer.baseUri().toString())
        .get("/health/ready")
        .then()
        .statusCode(200)
        .body("checks.name", hasItem("database"))
        .body("checks.find { it.name == 'database' }.data.migrated", equalTo("true"))
        .body("checks.find { it.name == 'database' }.data.reachable", equalTo("true"));
  }

  @Test
  void readinessProvesAuthenticationEndToEndAndTheJobQueues() {
    given()
        .baseUri(ForecourtServer.baseUri().toString())
        .get("/health/ready")
        .then()
        .statusCode(200)
        .body("checks.find { it.name == 'authentication' }.status", equalTo("UP"))
        .body("checks.find { it.name == 'authentication' }.data.tokenVerified", equalTo("true"))
        .body("checks.find { it.name == 'authentication' }.data.httpStatus", equalTo("204"))
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
          .baseUri(ForecourtServer.baseUri().toString())
          .get("/health/ready")
          .then()
          .statusCode(200);
      slowest = Math.max(slowest, (System.nanoTime() - begin) / 1_000_000);
    }
    long shown = slowest;
    java.util.logging.Logger.getLogger(HealthAndMetricsIT.class.getName())
        .info(() -> "Slowest of 20 readiness answers: " + shown + " ms");
    // (MP Health on Payara renders every data value as a string)
    long age =
        Long.parseLong(
            given()
                .baseUri(ForecourtServer.baseUri().toString())
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
    ForecourtServer.configProperty(
        "forecourt.health.self-check.base-url", "http://127.0.0.1:" + ForecourtServer.adminPort());
    try {
      long begin = System.nanoTime();
      WebhooksIT.await(
          "readiness DOWN",
          java.time.Duration.ofSeconds(15),
          () -> given().baseUri(base).get("/health/ready").statusCode() == 503);
      long millis = (System.nanoTime() - begin) / 1_000_000;
      java.util.logging.Logger.getLogger(HealthAndMetricsIT.class.getName())
          .info(() -> "Readiness DOWN " + millis + " ms after the self-check broke");
      given()
          .baseUri(base)
          .get("/health/ready")
          .then()
          .statusCode(503)
          .body("checks.find { it.name == 'authentication' }.status", equalTo("DOWN"))
          .body("checks.find { it.name == 'database' }.status", equalTo("UP"));
      given().baseUri(base).get("/health/live").then().statusCode(200);
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
    try (java.net.ServerSocket busy =
        new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      ForecourtServer.configProperty(
          "forecourt.health.self-check.base-url", "http://127.0.0.1:" + busy.getLocalPort());
      try {
        // several probes (every 2 s, 2 s time-out) go unanswered: readiness keeps its last answer
        dev.forecourt.systemtest.support.Poll.pause(java.time.Duration.ofSeconds(9));
        given()
            .baseUri(base)
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
            () -> given().baseUri(base).get("/health/ready").statusCode() == 503);
        given()
            .baseUri(base)
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
        .baseUri(ForecourtServer.baseUri().toString())
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
  void requestLatenciesAreInSecondsWithAHistogramPrometheusCanUse() {
    // a sign-in hashes the password with bcrypt: milliseconds, never nanoseconds or megaseconds
    double before = bucket(Metrics.scrape(), "+Inf");
    for (int i = 0; i < 3; i++) {
      Accounts.login("admin", Accounts.demoPassword()).then().statusCode(200);
    }
    String text = Metrics.scrape();
    Map<String, String> login =
        Map.of("method", "POST", "endpoint", "/auth/login", "status", "200");
    double max = Metrics.sum(text, "forecourt_http_requests_seconds_max", login);
    double sum = Metrics.sum(text, "forecourt_http_requests_seconds_sum", login);
    double count = Metrics.sum(text, "forecourt_http_requests_seconds_count", login);
    assertTrue(max > 0.001 && max < 30, "slowest sign-in: " + max + " s");
    assertTrue(sum / count > 0.001 && sum / count < 30, "mean sign-in: " + sum / count + " s");
    // no quantiles in nanoseconds under a _seconds name (Payara's exporter): the histogram has them
    assertFalse(
        text.lines().anyMatch(l -> l.startsWith("forecourt_http_requests_seconds{")),
        "no timer quantiles");

    double all = bucket(text, "+Inf");
    assertTrue(all - before >= 3, "3 sign-ins counted: " + (all - before));
    assertEquals(
        all,
        Metrics.sum(
            text,
            "forecourt_http_request_duration_seconds_count",
            Map.of("method", "POST", "endpoint", "/auth/login")));
    double previous = 0;
    for (String le :
        List.of(
            "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "10.0")) {
      double cumulative = bucket(text, le);
      assertTrue(cumulative >= previous, "cumulative at le=" + le);
      previous = cumulative;
    }
    assertTrue(bucket(text, "0.005") < all, "a bcrypt sign-in takes more than 5 ms");
    assertEquals(all, bucket(text, "10.0"), "and less than 10 s");
    double seconds =
        Metrics.sum(
            text,
            "forecourt_http_request_duration_seconds_sum",
            Map.of("method", "POST", "endpoint", "/auth/login"));
    assertTrue(seconds / all > 0.005 && seconds / all < 10, "mean: " + seconds / all + " s");
  }

  private static double bucket(String text, String le) {
    return Metrics.sum(
        text,
        "forecourt_http_request_duration_seconds_bucket",
        Map.of("method", "POST", "endpoint", "/auth/login", "le", le));
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
    assertTrue(text.contains("ft_circuitbreaker_state_total{"), "circuit breaker series");
    assertTrue(text.contains("forecourt_l2_cache_hits"), "L2 cache gauges");
    assertTrue(text.contains("connection_pool_forecourt_pool"), "JDBC pool of the server");
  }
}
