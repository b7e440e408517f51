package dev.forecourt.systemtest;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.forecourt.systemtest.support.Accounts;
import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.Vehicles;
import dev.forecourt.systemtest.support.WebhookReceiver;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An orderly stop, as an operator patches a node ({@code server-config/payara/drain.sh}, then
 * {@code asadmin stop-domain}), loses no request: readiness turns DOWN at once, slow requests in
 * flight when the drain begins (a valuation whose external service takes 1.5 s) are all answered
 * 200, requests arriving during the drain are served (a load balancer still sending them during its
 * grace period); requests arriving during the stop itself are counted by outcome (a load balancer
 * has stopped sending them by then) and none hangs. Then the domain starts again and serves
 * everything (the checks of {@link RestartAndRedeployIT} after a redeploy).
 */
@ExtendWith(ForecourtServer.class)
class GracefulShutdownIT {

  private static final Logger LOG = Logger.getLogger(GracefulShutdownIT.class.getName());
  private static final int IN_FLIGHT = 6;

  /**
   * The pace of the background reads while the node stops (light traffic, not a wait for the
   * server).
   */
  private static final Duration PACE = Duration.ofMillis(20);

  @AfterEach
  void healthyValuationService() {
    ForecourtServer.healthyValuationService();
  }

  /**
   * A stop under traffic, then a start: what was in flight completed, and the started domain serves
   * everything (sign-in, bearer and API-key calls, a JMS-backed webhook, readiness fully UP).
   */
  @Test
  void requestsInFlightDuringAStopCompleteAndTheStartedDomainServesEverything() throws Exception {
    String apiKey = RestartAndRedeployIT.apiKey();
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      WebhooksIT.subscribe(receiver, List.of("lead.created"));
      stopUnderTrafficThenStart();
      RestartAndRedeployIT.everythingWorks(apiKey, receiver);
    }
  }

  private void stopUnderTrafficThenStart() throws Exception {
    WireMockServer stub = ForecourtServer.valuationStub();
    stub.resetAll();
    stub.stubFor(
        get(urlPathEqualTo("/valuations"))
            .willReturn(
                okJson("{\"vin\":\"X\",\"amount\":21000.00,\"currency\":\"EUR\"}")
                    .withFixedDelay(1500)));
    List<Long> vehicles = new ArrayList<>();
    for (int i = 0; i < IN_FLIGHT; i++) {
      vehicles.add(Vehicles.create("15000.00"));
    }
    String token = Accounts.token("admin");
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    List<CompletableFuture<String>> inFlight = new ArrayList<>();
    for (long vehicle : vehicles) {
      HttpRequest request =
          HttpRequest.newBuilder(
                  ForecourtServer.baseUri().resolve("/api/v1/vehicles/" + vehicle + "/valuation"))
              .timeout(Duration.ofSeconds(60))
              .header("Authorization", "Bearer " + token)
              .build();
      inFlight.add(
          http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
              .handle(
                  (response, failure) ->
                      failure == null
                          ? response.statusCode()
                              + " "
                              + response.body().contains("\"source\":\"valuation-service\"")
                          : "failed " + failure));
    }
    WebhooksIT.await(
        "all valuations waiting for the external service",
        Duration.ofSeconds(30),
        () ->
            stub.countRequestsMatching(
                        WireMock.getRequestedFor(urlPathEqualTo("/valuations")).build())
                    .getCount()
                >= IN_FLIGHT);

    // new requests keep coming during the drain and the stop
    Map<String, AtomicInteger> arriving = new ConcurrentHashMap<>();
    AtomicReference<String> phase = new AtomicReference<>("drain");
    AtomicBoolean stopping = new AtomicBoolean(true);
    Thread traffic =
        new Thread(
            () -> {
              URI read = ForecourtServer.baseUri().resolve("/api/v1/vehicles?limit=1");
              while (stopping.get()) {
                String current = phase.get();
                String outcome;
                try {
                  outcome =
                      String.valueOf(
                          http.send(
                                  HttpRequest.newBuilder(read)
                                      .timeout(Duration.ofSeconds(30))
                                      .build(),
                                  HttpResponse.BodyHandlers.discarding())
                              .statusCode());
                  Thread.sleep(PACE.toMillis());
                } catch (ConnectException e) {
                  outcome = "refused";
                } catch (IOException e) {
                  outcome = "failed " + e.getClass().getSimpleName();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
                arriving
                    .computeIfAbsent(current + " " + outcome, o -> new AtomicInteger())
                    .incrementAndGet();
              }
            },
            "arriving-during-stop");
    traffic.start();
    Duration drain;
    Duration stop;
    int readiness;
    try {
      drain = ForecourtServer.drain(2);
      readiness =
          http.send(
                  HttpRequest.newBuilder(ForecourtServer.baseUri().resolve("/health/ready"))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode();
      phase.set("stop");
      stop = ForecourtServer.stopDomainInOrder();
    } finally {
      stopping.set(false);
      traffic.join(60_000);
    }
    List<String> outcomes = inFlight.stream().map(CompletableFuture::join).toList();
    Map<String, Integer> seen = new TreeMap<>();
    arriving.forEach((k, v) -> seen.put(k, v.get()));
    LOG.info(
        () ->
            "drain.sh took "
                + drain.toMillis()
                + " ms, stop-domain "
                + stop.toMillis()
                + " ms; in flight: "
                + outcomes
                + "; arriving during the drain and the stop: "
                + seen);
    ForecourtServer.startDomain();

    assertEquals(503, readiness, "readiness DOWN once drained");
    outcomes.forEach(
        outcome ->
            assertEquals("200 true", outcome, "every valuation in flight answered: " + outcomes));
    seen.forEach(
        (outcome, count) ->
            assertTrue(
                !outcome.startsWith("drain ") || outcome.equals("drain 200"),
                "requests arriving during the drain are served: " + seen));
    assertTrue(seen.getOrDefault("drain 200", 0) > 0, "requests arrived during the drain: " + seen);
    // during stop-domain itself, Payara answers some with 500 while the application unloads
    // (README,
    // known issues): printed above, not asserted; none of them may hang
    seen.keySet()
        .forEach(
            outcome ->
                assertTrue(
                    !outcome.contains("failed HttpTimeout"),
                    "a request arriving during the stop hung: " + seen));
  }
}
