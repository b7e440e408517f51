package dev.forecourt.systemtest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.forecourt.systemtest.support.Vehicles.api;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.Metrics;
import dev.forecourt.systemtest.support.Poll;
import dev.forecourt.systemtest.support.Vehicles;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Proves, on the deployed EAR on Payara Server, that MicroProfile Fault Tolerance really guards the
 * {@code @Stateless} valuation EJB (Payara can silently ignore FT on EJBs in an ejb-jar):
 * {@code @Retry}, {@code @Timeout}, {@code @CircuitBreaker} and {@code @Fallback} each fire,
 * counted at the real HTTP stand-in for the valuation service and in the {@code ft_*} metrics.
 *
 * <p>The circuit breaker is shared state: its rolling window is 10 attempts and it opens at 50 %
 * failures. Each test starts by filling the window with successes, so no test sees another's
 * failures, and the breaker test runs last.
 */
@ExtendWith(ForecourtServer.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ValuationFaultToleranceIT {

  private static final String METHOD =
      "dev.forecourt.inventory.application.ValuationService.estimate";
  private static final Map<String, String> OF_METHOD = Map.of("method", METHOD);
  private static final String QUOTE = "{\"vin\":\"X\",\"amount\":21000.00,\"currency\":\"EUR\"}";

  /**
   * The breaker's delay in the system tests (ear/pom.xml sets
   * ValuationService/estimate/CircuitBreaker/delay).
   */
  private static final Duration BREAKER_DELAY = Duration.ofSeconds(3);

  private WireMockServer stub;
  private long vehicle;

  @BeforeEach
  void healthyServiceAndClosedBreaker() {
    stub = ForecourtServer.valuationStub();
    stub.resetAll();
    stub.stubFor(get(urlPathEqualTo("/valuations")).willReturn(okJson(QUOTE)));
    vehicle = Vehicles.create("20000.00");
    // a breaker another test class left open closes after its delay
    Poll.until(
        BREAKER_DELAY.plusSeconds(7),
        () -> valuation(vehicle).jsonPath().getString("source"),
        "valuation-service"::equals,
        "valuations from the service");
    for (int i = 0; i < 10; i++) {
      valuation(vehicle).then().statusCode(200).body("source", equalTo("valuation-service"));
    }
    stub.resetRequests();
  }

  @Test
  @Order(1)
  void retryRecoversFromTransientFailures() {
    double retriesBefore = Metrics.sum("ft_retry_retries_total", OF_METHOD);
    stub.resetAll();
    stub.stubFor(
        get(urlPathEqualTo("/valuations"))
            .inScenario("flaky")
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("failed once"));
    stub.stubFor(
        get(urlPathEqualTo("/valuations"))
            .inScenario("flaky")
            .whenScenarioStateIs("failed once")
            .willReturn(aResponse().withStatus(500))
            .willSetStateTo("failed twice"));
    stub.stubFor(
        get(urlPathEqualTo("/valuations"))
            .inScenario("flaky")
            .whenScenarioStateIs("failed twice")
            .willReturn(okJson(QUOTE)));

    valuation(vehicle)
        .then()
        .statusCode(200)
        .body("source", equalTo("valuation-service"))
        .body("amount", equalTo(21000.0f));

    assertEquals(3, calls(), "two failed attempts, then the successful retry");
    assertEquals(2.0, Metrics.sum("ft_retry_retries_total", OF_METHOD) - retriesBefore);
  }

  @Test
  @Order(2)
  void aSlowAnswerTimesOutAndIsRetried() {
    double timedOutBefore =
        Metrics.sum("ft_timeout_calls_total", Map.of("method", METHOD, "timedOut", "true"));
    stub.resetAll();
    stub.stubFor(
        get(urlPathEqualTo("/valuations"))
            .inScenario("slow")
            .whenScenarioStateIs(STARTED)
            .willReturn(okJson(QUOTE).withFixedDelay(4_000))
            .willSetStateTo("fast"));
    stub.stubFor(
        get(urlPathEqualTo("/valuations"))
            .inScenario("slow")
            .whenScenarioStateIs("fast")
            .willReturn(okJson(QUOTE)));

    valuation(vehicle).then().statusCode(200).body("source", equalTo("valuation-service"));

    assertEquals(2, calls(), "the slow attempt, then the retry");
    assertEquals(
        1.0,
        Metrics.sum("ft_timeout_calls_total", Map.of("method", METHOD, "timedOut", "true"))
            - timedOutBefore);
  }

  @Test
  @Order(3)
  void whenTheServiceIsDownTheLastKnownValuationIsTheFallback() {
    valuation(vehicle).then().statusCode(200).body("amount", equalTo(21000.0f)); // recorded
    double fallbacksBefore =
        Metrics.sum("ft_invocations_total", Map.of("method", METHOD, "fallback", "applied"));
    stub.resetAll();
    stub.stubFor(
        get(urlPathEqualTo("/valuations"))
            .willReturn(aResponse().withStatus(500).withBody("boom")));

    valuation(vehicle)
        .then()
        .statusCode(200)
        .body("source", equalTo("fallback"))
        .body("basis", equalTo("last-known"))
        .body("amount", equalTo(21000.0f));

    assertEquals(3, calls(), "the first attempt and two retries, then the fallback");
    assertEquals(
        1.0,
        Metrics.sum("ft_invocations_total", Map.of("method", METHOD, "fallback", "applied"))
            - fallbacksBefore);
  }

  @Test
  @Order(4)
  void withoutAnyValuationTheFallbackEstimatesFromTheListPrice() {
    long fresh = Vehicles.create("10000.00");
    stub.resetAll();
    stub.stubFor(get(urlPathEqualTo("/valuations")).willReturn(aResponse().withStatus(503)));

    valuation(fresh)
        .then()
        .statusCode(200)
        .body("source", equalTo("fallback"))
        .body("basis", equalTo("list-price"))
        .body("amount", equalTo(9200.0f));
  }

  @Test
  @Order(5)
  void theCircuitBreakerOpensStopsCallingAndClosesAgain() {
    double openedBefore = Metrics.sum("ft_circuitbreaker_opened_total", OF_METHOD);
    stub.resetAll();
    stub.stubFor(get(urlPathEqualTo("/valuations")).willReturn(aResponse().withStatus(500)));

    // window of 10: 10 successes, then 3 failures (30 %), then 2 more: 50 % opens the breaker
    valuation(vehicle).then().statusCode(200).body("source", equalTo("fallback"));
    // the server opens the breaker while it answers the next call: it opened no earlier than this
    Instant opened = Instant.now();
    valuation(vehicle).then().statusCode(200).body("source", equalTo("fallback"));
    int callsWhenOpened = calls();
    assertEquals(5, callsWhenOpened);
    assertEquals(1.0, Metrics.sum("ft_circuitbreaker_opened_total", OF_METHOD) - openedBefore);

    // open: the service is not called at all, the fallback answers at once
    for (int i = 0; i < 3; i++) {
      valuation(vehicle).then().statusCode(200).body("source", equalTo("fallback"));
    }
    assertEquals(callsWhenOpened, calls());

    // the service recovers; after the breaker's delay a trial call closes it (calls before that are
    // answered by the fallback without reaching the service)
    stub.resetAll();
    stub.stubFor(get(urlPathEqualTo("/valuations")).willReturn(okJson(QUOTE)));
    Poll.until(
        BREAKER_DELAY.plusSeconds(7),
        () -> valuation(vehicle).jsonPath().getString("source"),
        "valuation-service"::equals,
        "the breaker closed by a trial call");
    assertFalse(
        Instant.now().isBefore(opened.plus(BREAKER_DELAY)), "the breaker closed before its delay");
    valuation(vehicle).then().statusCode(200).body("source", equalTo("valuation-service"));
    assertEquals(2, calls());
  }

  private Response valuation(long id) {
    return api().get("/vehicles/{id}/valuation", id);
  }

  private int calls() {
    return stub.countRequestsMatching(getRequestedFor(urlPathEqualTo("/valuations")).build())
        .getCount();
  }
}
