package dev.forecourt.systemtest;

import static dev.forecourt.systemtest.support.Vehicles.api;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    given().baseUri(ForecourtServer.baseUri().toString()).get(path).then().statusCode(200).body("status", equalTo("UP"));
  }

  @Test
  void readinessChecksTheDatabaseAndTheMigrations() {
    given().baseUri(ForecourtServer.baseUri().toString()).get("/health/ready").then().statusCode(200)
        .body("checks.name", hasItem("database"))
        .body("checks.find { it.name == 'database' }.data.migrated", equalTo("true"))
        .body("checks.find { it.name == 'database' }.data.reachable", equalTo("true"));
  }

  @Test
  void requestsArePublishedPerEndpointTemplate() {
    Map<String, String> labels = Map.of("method", "GET", "endpoint", "/vehicles/{id}", "status", "200");
    double before = Metrics.sum("forecourt_http_requests_seconds_count", labels);
    long id = dev.forecourt.systemtest.support.Vehicles.create("12345.00");
    for (int i = 0; i < 3; i++) {
      api().get("/vehicles/{id}", id).then().statusCode(200);
    }
    api().get("/vehicles/{id}", 999_999_999L).then().statusCode(404);
    String text = Metrics.scrape();
    assertTrue(Metrics.sum(text, "forecourt_http_requests_seconds_count", labels) - before >= 3);
    assertTrue(Metrics.sum(text, "forecourt_http_requests_seconds_count",
        Map.of("method", "GET", "endpoint", "/vehicles/{id}", "status", "404")) >= 1);
    assertTrue(Metrics.sum(text, "forecourt_http_requests_seconds_count", Map.of("endpoint", "/vehicles", "method", "POST")) >= 1);
  }

  @Test
  void prometheusSeesTheFaultToleranceAndCacheSeries() {
    api().get("/vehicles/{id}/valuation", dev.forecourt.systemtest.support.Vehicles.create("5000.00")).then().statusCode(200);
    String text = Metrics.scrape();
    assertTrue(text.contains("ft_invocations_total{"), "ft_* series");
    assertTrue(text.contains("ft_circuitbreaker_state_total{"), "circuit breaker series");
    assertTrue(text.contains("forecourt_l2_cache_hits"), "L2 cache gauges");
    assertTrue(text.contains("connection_pool_forecourt_pool"), "JDBC pool of the server");
  }
}
