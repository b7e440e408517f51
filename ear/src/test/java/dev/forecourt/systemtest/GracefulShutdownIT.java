package dev.forecourt.systemtest;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.forecourt.systemtest.support.Accounts;
import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.Vehicles;
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
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An orderly stop ({@code asadmin stop-domain}, what patching a node does) loses no request: slow
 * requests in flight when the stop begins (a valuation whose external service takes 1.5 s) are
 * answered 200 or cut off, never answered with an error (cut-offs are a known defect until a drain
 * phase exists); requests arriving during the stop are counted by outcome and none hangs. Then the
 * domain starts again.
 */
@ExtendWith(ForecourtServer.class)
class GracefulShutdownIT {

  private static final Logger LOG = Logger.getLogger(GracefulShutdownIT.class.getName());
  private static final int IN_FLIGHT = 6;

  @AfterEach
  void healthyValuationService() {
    ForecourtServer.healthyValuationService();
  }

  @Test
  void requestsInFlightDuringAStopComplete() throws Exception {
    WireMockServer stub = ForecourtServer.valuationStub();
    stub.resetAll();
    stub.stubFor(get(urlPathEqualTo("/valuations")).willReturn(
        okJson("{\"vin\":\"X\",\"amount\":21000.00,\"currency\":\"EUR\"}").withFixedDelay(1500)));
    List<Long> vehicles = new ArrayList<>();
    for (int i = 0; i < IN_FLIGHT; i++) {
      vehicles.add(Vehicles.create("15000.00"));
    }
    String token = Accounts.token("admin");
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();

    List<CompletableFuture<String>> inFlight = new ArrayList<>();
    for (long vehicle : vehicles) {
      HttpRequest request = HttpRequest.newBuilder(ForecourtServer.baseUri().resolve("/api/v1/vehicles/" + vehicle + "/valuation"))
          .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token).build();
      inFlight.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
          .handle((response, failure) -> failure == null
              ? response.statusCode() + " " + response.body().contains("\"source\":\"valuation-service\"")
              : "failed " + failure));
    }
    WebhooksIT.await("all valuations waiting for the external service", Duration.ofSeconds(30),
        () -> stub.countRequestsMatching(WireMock.getRequestedFor(urlPathEqualTo("/valuations")).build())
            .getCount() >= IN_FLIGHT);

    // new requests keep coming while the domain stops
    Map<String, AtomicInteger> arriving = new ConcurrentHashMap<>();
    AtomicBoolean stopping = new AtomicBoolean(true);
    Thread traffic = new Thread(() -> {
      URI read = ForecourtServer.baseUri().resolve("/api/v1/vehicles?limit=1");
      while (stopping.get()) {
        String outcome;
        try {
          outcome = String.valueOf(http.send(HttpRequest.newBuilder(read).timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (ConnectException e) {
          outcome = "refused";
        } catch (IOException e) {
          outcome = "failed " + e.getClass().getSimpleName();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        arriving.computeIfAbsent(outcome, o -> new AtomicInteger()).incrementAndGet();
      }
    }, "arriving-during-stop");
    traffic.start();
    Duration stop;
    try {
      stop = ForecourtServer.stopDomainInOrder();
    } finally {
      stopping.set(false);
      traffic.join(60_000);
    }
    List<String> outcomes = inFlight.stream().map(CompletableFuture::join).toList();
    Map<String, Integer> seen = new TreeMap<>();
    arriving.forEach((k, v) -> seen.put(k, v.get()));
    LOG.info(() -> "stop-domain took " + stop.toMillis() + " ms; in flight: " + outcomes
        + "; arriving during the stop: " + seen);
    ForecourtServer.startDomain();

    // Known defect (README): without a drain phase, stop-domain sometimes cuts answers in flight
    // (seen once in three runs: 5 of 6 bodies truncated). What holds every time: no request in
    // flight is answered with an error status; each is answered 200 from the service or cut.
    outcomes.forEach(outcome -> assertTrue(outcome.equals("200 true") || outcome.startsWith("failed "),
        "a valuation in flight when the stop began got an error answer: " + outcomes));
    assertTrue(outcomes.stream().anyMatch("200 true"::equals), "in-flight answers completed: " + outcomes);
    // Requests arriving during the stop: most are refused (the listener is closing) or answered;
    // while the application unloads, Payara itself answers some with 500 (no application mapped),
    // which a drain phase in front of the stop must remove (README, known issues). Printed above,
    // not asserted; none of them may hang.
    seen.keySet().forEach(outcome -> assertTrue(!outcome.startsWith("failed HttpTimeout"),
        "a request arriving during the stop hung: " + seen));
  }
}
