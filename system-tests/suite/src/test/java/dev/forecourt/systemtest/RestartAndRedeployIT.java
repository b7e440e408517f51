package dev.forecourt.systemtest;

import static dev.forecourt.systemtest.support.Accounts.anonymous;
import static dev.forecourt.systemtest.support.Accounts.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forecourt.systemtest.support.Accounts;
import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.Leads;
import dev.forecourt.systemtest.support.WebhookReceiver;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What operators do to a running domain keeps everything working: {@code deploy --force} of the EAR
 * onto the running domain under light traffic ({@link GracefulShutdownIT} stops and starts it, and
 * checks the same after the start). After it: local sign-in, a bearer call, an API-key call, a
 * JMS-backed webhook delivery (outbox relay, event consumer and webhook MDBs) and readiness with
 * every check UP; during the redeploy the application answers no 5xx other than 503 (Payara's own
 * answers while the application is absent are counted and printed).
 */
@ExtendWith(ForecourtServer.class)
class RestartAndRedeployIT {

  private static final Logger LOG = Logger.getLogger(RestartAndRedeployIT.class.getName());

  /**
   * The pace of the traffic during a redeployment: ~20 pairs of requests a second, light traffic,
   * not a load test.
   */
  private static final Duration PACE = Duration.ofMillis(50);

  @Test
  void aRedeployUnderTrafficAnswersNoErrorButUnavailable() throws Exception {
    String apiKey = apiKey();
    // status, and for a 5xx who answered: "app" (a problem with the request's correlation id) or
    // "server" (Payara itself, while the application is not there)
    Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
    AtomicBoolean running = new AtomicBoolean(true);
    String token = Accounts.token("sales");
    Thread traffic =
        new Thread(
            () -> {
              HttpClient http =
                  HttpClient.newBuilder()
                      .version(HttpClient.Version.HTTP_1_1)
                      .connectTimeout(Duration.ofSeconds(5))
                      .build();
              URI anonymousRead = ForecourtServer.baseUri().resolve("/api/v1/vehicles?limit=1");
              URI signedInRead = ForecourtServer.baseUri().resolve("/api/v1/leads?limit=1");
              while (running.get()) {
                for (HttpRequest request :
                    List.of(
                        HttpRequest.newBuilder(anonymousRead)
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                        HttpRequest.newBuilder(signedInRead)
                            .timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer " + token)
                            .build())) {
                  String status;
                  try {
                    HttpResponse<String> response =
                        http.send(request, HttpResponse.BodyHandlers.ofString());
                    status = String.valueOf(response.statusCode());
                    if (response.statusCode() >= 500) {
                      status += response.body().contains("\"correlationId\"") ? " app" : " server";
                    }
                  } catch (java.io.IOException e) {
                    status = "refused"; // connection refused or reset: never accepted
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                  statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                }
                try {
                  Thread.sleep(PACE.toMillis());
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
              }
            },
            "redeploy-traffic");
    traffic.start();
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      WebhooksIT.subscribe(receiver, List.of("lead.created"));
      WebhooksIT.await(
          "traffic under way",
          Duration.ofSeconds(30),
          () -> statuses.values().stream().mapToInt(AtomicInteger::get).sum() >= 20);
      ForecourtServer.redeploy();
      ForecourtServer.awaitReady();
      WebhooksIT.await(
          "traffic served after the redeploy",
          Duration.ofSeconds(30),
          () -> statuses.getOrDefault("200", new AtomicInteger()).get() >= 40);
      running.set(false);
      traffic.join(60_000);
      Map<String, Integer> seen = new TreeMap<>();
      statuses.forEach((s, n) -> seen.put(s, n.get()));
      LOG.info(() -> "Statuses during the redeploy: " + seen);
      // the application never fails a request: its only 5xx is 503 (not ready); Payara's own 500s
      // while the old application is unloaded are a known issue (README), printed above
      seen.keySet()
          .forEach(
              s ->
                  assertTrue(
                      !s.endsWith(" app") || s.startsWith("503"),
                      "the application answered no 5xx but 503 during a redeploy: " + seen));
      everythingWorks(apiKey, receiver);
    } finally {
      running.set(false);
      traffic.join(60_000);
    }
  }

  /** Sign-in, bearer and API-key calls, a webhook delivered through JMS, readiness fully UP. */
  static void everythingWorks(String apiKey, WebhookReceiver receiver) {
    anonymous()
        .get(ForecourtServer.baseUri() + "/health/ready")
        .then()
        .statusCode(200)
        .body("checks.find { it.name == 'authentication' }.status", equalTo("UP"))
        .body("checks.find { it.name == 'authentication' }.data.httpStatus", equalTo("204"))
        .body("checks.find { it.name == 'jobQueues' }.status", equalTo("UP"))
        .body("checks.find { it.name == 'database' }.status", equalTo("UP"));
    String fresh =
        Accounts.login("manager", Accounts.demoPassword())
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getString("access_token");
    Accounts.bearer(fresh).get("/auth/me").then().statusCode(200).body("name", equalTo("manager"));
    as("sales").get("/leads?limit=1").then().statusCode(200);
    anonymous()
        .header("Authorization", "ApiKey " + apiKey)
        .get("/vehicles?limit=1")
        .then()
        .statusCode(200);
    long lead = Leads.create("sales");
    String eventId =
        ForecourtServer.queryString(
            "select id from outbox_event where type = 'lead.created'"
                + " and aggregate_id = '"
                + lead
                + "'");
    WebhooksIT.await(
        "lead.created of lead " + lead + " delivered",
        Duration.ofSeconds(60),
        () -> receiver.processed().contains(eventId));
    as("admin").get("/admin/audit/verify").then().statusCode(200).body("intact", equalTo(true));
  }

  /** A new API key that reads the inventory. */
  static String apiKey() {
    return as("admin")
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "name",
                "restart test",
                "scopes",
                List.of("inventory:read"),
                "dealerships",
                List.of()))
        .post("/api-keys")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getString("key");
  }
}
