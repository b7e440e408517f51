package dev.forecourt.systemtest;

import static dev.forecourt.systemtest.support.Accounts.anonymous;
import static dev.forecourt.systemtest.support.Accounts.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forecourt.systemtest.support.Accounts;
import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.LoopbackClient;
import dev.forecourt.systemtest.support.Metrics;
import dev.forecourt.systemtest.support.Poll;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rate limits on the deployed EAR. The harness runs the server with generous limits (so the other
 * tests never meet them); each test lowers one limit through the server's MicroProfile Config
 * (asadmin set-config-property, no redeployment) and checks the exact 429s and headers.
 */
@ExtendWith(ForecourtServer.class)
class RateLimitIT {

  private static final String RATE_LIMITED = "https://forecourt.dev/problems/rate-limited";

  /** How long a config change may take to reach the server's requests. */
  private static final Duration CONFIG_DEADLINE = Duration.ofSeconds(10);

  @AfterEach
  void generousLimitsAgain() {
    ForecourtServer.generousRateLimits();
  }

  @Test
  void anonymousCallsPerIpGetExact429sWithHeaders() throws InterruptedException {
    double rejectedBefore =
        Metrics.sum("forecourt_ratelimit_rejected_total", Map.of("class", "anonymous"));
    ForecourtServer.configProperty("forecourt.rate-limit.anonymous.per-minute", "5");
    Response first = awaitLimit(() -> anonymous().get("/ping"), "5");
    first.then().statusCode(200).header("RateLimit-Remaining", equalTo("4"));
    for (int remaining = 3; remaining >= 0; remaining--) {
      Response ok = anonymous().get("/ping");
      ok.then()
          .statusCode(200)
          .header("RateLimit-Limit", equalTo("5"))
          .header("RateLimit-Remaining", equalTo(String.valueOf(remaining)));
      assertTrue(Long.parseLong(ok.header("RateLimit-Reset")) <= 60);
    }
    Response limited = anonymous().get("/ping");
    limited
        .then()
        .statusCode(429)
        .contentType("application/problem+json")
        .body("type", equalTo(RATE_LIMITED))
        .header("RateLimit-Limit", equalTo("5"))
        .header("RateLimit-Remaining", equalTo("0"));
    long retryAfter = Long.parseLong(limited.header("Retry-After"));
    assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
    // a signed-in caller has its own, larger bucket
    as("sales").get("/ping").then().statusCode(200);
    assertEquals(
        rejectedBefore + 1,
        Metrics.sum("forecourt_ratelimit_rejected_total", Map.of("class", "anonymous")),
        0.0);
  }

  @Test
  void signedInCallersArePerUser() throws InterruptedException {
    Accounts.token("manager");
    ForecourtServer.configProperty("forecourt.rate-limit.user.per-minute", "3");
    awaitLimit(() -> as("sales").get("/ping"), "3");
    for (int i = 0; i < 3; i++) {
      as("manager").get("/ping").then().statusCode(200);
    }
    as("manager").get("/ping").then().statusCode(429).body("type", equalTo(RATE_LIMITED));
    as("admin").get("/ping").then().statusCode(200);
  }

  /**
   * A config change reaches the server within moments, not at once: repeats the request until its
   * answer carries the new limit, and answers that first response.
   */
  private static Response awaitLimit(java.util.function.Supplier<Response> request, String limit) {
    return Poll.until(
        CONFIG_DEADLINE,
        request,
        r -> limit.equals(r.header("RateLimit-Limit")),
        "the server takes the limit " + limit);
  }

  @Test
  void loginsArePerIpAndPerUsername() throws IOException, InterruptedException {
    ForecourtServer.configProperty("forecourt.rate-limit.login.per-minute", "3");
    Poll.until(
        CONFIG_DEADLINE,
        () -> {
          try {
            return loginFrom("127.0.0.9", "probe-" + UUID.randomUUID()).limit();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        "3"::equals,
        "the server takes the login limit 3");
    String name = "someone-" + UUID.randomUUID();
    // per IP: the fourth login from one address in the minute is refused, whatever the names
    for (int i = 0; i < 3; i++) {
      assertEquals(401, loginFrom("127.0.0.2", name + i).status());
    }
    assertEquals(429, loginFrom("127.0.0.2", name).status());
    // per username: the fourth login for one name is refused, from whichever addresses
    String victim = "victim-" + UUID.randomUUID();
    for (int i = 3; i <= 5; i++) {
      assertEquals(401, loginFrom("127.0.0." + i, victim).status());
    }
    assertEquals(429, loginFrom("127.0.0.6", victim).status());
    assertEquals(401, loginFrom("127.0.0.6", "someone-else-" + UUID.randomUUID()).status());
  }

  @Test
  void aForgedXForwardedForIsNoNewIdentityUnlessThePeerIsATrustedProxy() throws IOException {
    ForecourtServer.configProperty("forecourt.rate-limit.anonymous.per-minute", "3");
    Instant deadline = Instant.now().plusSeconds(10);
    while (!"3".equals(ping("127.0.0.59", null).header("RateLimit-Limit"))) {
      assertTrue(
          Instant.now().isBefore(deadline), "the server did not take the limit 3 within 10 s");
    }
    // no trusted proxy (the default): one bucket for the connection's address, whatever the header
    // says
    String source = "127.0.0.51";
    for (int i = 0; i < 3; i++) {
      assertEquals(200, ping(source, "203.0.113." + i).status());
    }
    LoopbackClient.Answer limited = ping(source, "203.0.113.200");
    assertEquals(429, limited.status());
    assertTrue(limited.body().contains(RATE_LIMITED), limited.body());

    // behind a trusted proxy: one bucket per client it reports (the rightmost address)
    String proxy = "127.0.0.52";
    ForecourtServer.configProperty("forecourt.http.trusted-proxies", proxy);
    try {
      // taken when two new clients in a row each get a full bucket (the proxy's own would be spent)
      int fresh = 0;
      for (int i = 0; fresh < 2; i++) {
        assertTrue(
            Instant.now().isBefore(deadline.plusSeconds(10)),
            "the server did not trust the proxy within 10 s");
        fresh =
            "2".equals(ping(proxy, "198.51.100." + i).header("RateLimit-Remaining"))
                ? fresh + 1
                : 0;
      }
      String client = "203.0.113.70";
      for (int i = 0; i < 3; i++) {
        assertEquals(
            200,
            ping(proxy, "10.9.9." + i + ", " + client).status()); // the left part is the client's
      }
      assertEquals(429, ping(proxy, client).status());
      assertEquals(429, ping(proxy, "198.51.100.250, " + client).status());
      assertEquals(200, ping(proxy, "203.0.113.71").status());
    } finally {
      ForecourtServer.removeConfigProperty("forecourt.http.trusted-proxies");
    }
  }

  /**
   * An anonymous GET /ping from a loopback source address, with an X-Forwarded-For header unless
   * null.
   */
  private static LoopbackClient.Answer ping(String sourceIp, String forwardedFor)
      throws IOException {
    return LoopbackClient.send(
        sourceIp,
        "GET",
        "/api/v1/ping",
        null,
        null,
        forwardedFor == null ? Map.of() : Map.of("X-Forwarded-For", forwardedFor));
  }

  private record Answer(int status, String limit) {}

  /** The status and RateLimit-Limit of a failed login sent from a given loopback source address. */
  private static Answer loginFrom(String sourceIp, String username) throws IOException {
    LoopbackClient.Answer a =
        LoopbackClient.send(
            sourceIp,
            "POST",
            "/api/v1/auth/login",
            "application/json",
            "{\"username\":\"" + username + "\",\"password\":\"wrong\"}");
    return new Answer(a.status(), a.header("RateLimit-Limit"));
  }
}
