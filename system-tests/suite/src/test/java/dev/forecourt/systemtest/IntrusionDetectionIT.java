package dev.forecourt.systemtest;

import static dev.forecourt.systemtest.support.Accounts.as;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.LoopbackClient;
import dev.forecourt.systemtest.support.LoopbackClient.Answer;
import dev.forecourt.systemtest.support.Metrics;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The intrusion detection on the deployed EAR: an injection, XSS and traversal corpus sent raw
 * (path, query, JSON body) is answered 400 request-rejected with the security headers, logged as a
 * security event and counted; repeated events block the address (403 client-blocked, also for
 * harmless requests) until an admin unblocks it. Attacks come from their own loopback addresses
 * (127.0.0.x), so the rest of the suite (from 127.0.0.1) is never blocked.
 */
@ExtendWith(ForecourtServer.class)
class IntrusionDetectionIT {

  private static final String REJECTED = "https://forecourt.dev/problems/request-rejected";
  private static final String BLOCKED = "https://forecourt.dev/problems/client-blocked";
  private static final String CORPUS_SOURCE = "127.0.0.21";

  @AfterAll
  static void defaults() {
    ForecourtServer.configProperty("forecourt.intrusion.block-threshold", "5");
  }

  static Stream<Arguments> corpus() {
    return Stream.of(
        // where, method, target, JSON body, rule
        Arguments.of("GET", "/api/v1/vehicles?make=%27%20OR%201%3D1--", null, "sql-injection"),
        Arguments.of(
            "GET",
            "/api/v1/vehicles?make=x%27%20UNION%20SELECT%20password_hash%20FROM%20user_account--",
            null,
            "sql-injection"),
        Arguments.of(
            "GET", "/api/v1/vehicles?model=1%3B%20DROP%20TABLE%20vehicle", null, "sql-injection"),
        Arguments.of("GET", "/api/v1/vehicles?make=1%20AND%20pg_sleep(10)", null, "sql-injection"),
        Arguments.of(
            "GET", "/api/v1/vehicles?make=%2527%2520OR%25201%253D1--", null, "sql-injection"),
        Arguments.of(
            "POST",
            "/api/v1/auth/login",
            "{\"username\":\"admin' --\",\"password\":\"x\"}",
            "sql-injection"),
        Arguments.of("GET", "/api/v1/vehicles?make=%3Cscript%3Ealert(1)%3C/script%3E", null, "xss"),
        Arguments.of("GET", "/api/v1/vehicles?model=%22%3E%3Csvg/onload=alert(1)%3E", null, "xss"),
        Arguments.of("GET", "/api/v1/vehicles/%3Cimg%20src=x%20onerror=alert(1)%3E", null, "xss"),
        Arguments.of(
            "POST",
            "/api/v1/vehicles",
            "{\"make\":\"<script>alert(document.cookie)</script>\",\"model\":\"Golf\"}",
            "xss"),
        Arguments.of("POST", "/api/v1/vehicles", "{\"colour\":\"javascript:alert(1)\"}", "xss"),
        Arguments.of(
            "GET",
            "/api/v1/vehicles/%252e%252e%252f%252e%252e%252fetc%252fpasswd",
            null,
            "path-traversal"),
        Arguments.of(
            "GET", "/api/v1/vehicles?file=..%5C..%5Cwindows%5Cwin.ini", null, "path-traversal"),
        Arguments.of(
            "POST", "/api/v1/vehicles", "{\"photo\":\"../../../etc/shadow\"}", "path-traversal"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("corpus")
  void attacksAreRejectedLoggedAndCounted(String method, String target, String body, String rule)
      throws IOException {
    ForecourtServer.configProperty("forecourt.intrusion.block-threshold", "1000000");
    double before = Metrics.sum("forecourt_intrusion_events_total", Map.of("rule", rule));

    Answer answer = LoopbackClient.send(CORPUS_SOURCE, method, target, "application/json", body);

    assertEquals(400, answer.status(), answer.body());
    assertTrue(answer.body().contains(REJECTED), answer.body());
    assertFalse(
        answer.body().contains("pg_sleep(")
            || answer.body().contains("<script")
            || answer.body().contains("<img")
            || answer.body().contains("../"),
        "the answer echoes no decoded payload: " + answer.body());
    assertEquals("nosniff", answer.header("X-Content-Type-Options"));
    assertNotNull(answer.header("Content-Security-Policy"));
    assertEquals(
        before + 1, Metrics.sum("forecourt_intrusion_events_total", Map.of("rule", rule)), 0.0);
  }

  /**
   * A raw {@code ..} that climbs out of the application, or an encoded slash, is refused by the
   * server itself before the application is asked (so no intrusion event): it never serves a file.
   */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "/api/v1/../../../../etc/passwd",
        "/api/v1/vehicles/..%2F..%2F..%2Fetc%2Fpasswd",
        "/../../etc/passwd"
      })
  void rawTraversalNeverReachesAFile(String target) throws IOException {
    Answer answer = LoopbackClient.send(CORPUS_SOURCE, "GET", target, null, null);
    assertTrue(answer.status() == 400 || answer.status() == 404, answer.status() + " " + target);
    assertFalse(answer.body().contains("root:"), "no file content");
  }

  @Test
  void eventsAreWrittenToTheLogWithoutThePayload() throws IOException {
    ForecourtServer.configProperty("forecourt.intrusion.block-threshold", "1000000");
    LoopbackClient.send(
        CORPUS_SOURCE,
        "GET",
        "/api/v1/vehicles?make=%3Cscript%3Ealert(%27logged%27)%3C/script%3E",
        null,
        null);
    String log = Files.readString(ForecourtServer.serverLog());
    assertTrue(
        log.contains(
            "Security event: intrusion rule=xss where=query:make method=GET client="
                + CORPUS_SOURCE),
        "security event logged");
    assertFalse(log.contains("alert('logged')"), "the payload is not logged");
  }

  @Test
  void ordinaryRequestsPass() throws IOException {
    ForecourtServer.configProperty("forecourt.intrusion.block-threshold", "1000000");
    assertEquals(
        200,
        LoopbackClient.send(
                CORPUS_SOURCE,
                "GET",
                "/api/v1/vehicles?make=Volkswagen&model=Golf%20GTI&limit=5",
                null,
                null)
            .status());
    assertEquals(
        200,
        LoopbackClient.send(
                CORPUS_SOURCE, "GET", "/api/v1/vehicles?make=O%27Brien%20and%20Sons", null, null)
            .status());
    // a password with SQL-like characters is not inspected: the login fails as any wrong password
    Answer login =
        LoopbackClient.send(
            CORPUS_SOURCE,
            "POST",
            "/api/v1/auth/login",
            "application/json",
            "{\"username\":\"nobody-here\",\"password\":\"p' OR '1'='1 --\"}");
    assertEquals(401, login.status(), login.body());
  }

  @Test
  void aForgedXForwardedForMovesNoBlockUnlessThePeerIsATrustedProxy() throws IOException {
    ForecourtServer.configProperty("forecourt.intrusion.block-threshold", "3");
    // no trusted proxy (the default): the block is on the connection's address, whatever the
    // headers say
    String attacker = "127.0.0.24";
    for (int i = 0; i < 3; i++) {
      assertEquals(
          400,
          LoopbackClient.send(
                  attacker,
                  "GET",
                  "/api/v1/vehicles?make=%27%20or%201%3D1--" + i,
                  null,
                  null,
                  Map.of(
                      "X-Forwarded-For",
                      "203.0.113." + (10 + i),
                      "Forwarded",
                      "for=198.51.100." + i))
              .status());
    }
    assertEquals(
        403,
        LoopbackClient.send(
                attacker,
                "GET",
                "/api/v1/vehicles?limit=1",
                null,
                null,
                Map.of("X-Forwarded-For", "203.0.113.99"))
            .status());
    as("admin")
        .get("/admin/security/blocked-clients")
        .then()
        .statusCode(200)
        .body("address", hasItem(attacker))
        .body("address", not(hasItem("203.0.113.10")));
    as("admin").delete("/admin/security/blocked-clients/" + attacker).then().statusCode(204);

    // behind a trusted proxy: the rightmost address it reports is the client, and only that one is
    // blocked
    String proxy = "127.0.0.25";
    String client = "203.0.113.77";
    ForecourtServer.configProperty("forecourt.http.trusted-proxies", proxy);
    try {
      for (int i = 0; i < 3; i++) {
        // the client forged the left part; the proxy appended the address it saw
        assertEquals(
            400,
            LoopbackClient.send(
                    proxy,
                    "GET",
                    "/api/v1/vehicles?make=%27%20or%201%3D1--" + i,
                    null,
                    null,
                    Map.of("X-Forwarded-For", "10.1.1." + i + ", " + client))
                .status());
      }
      assertEquals(
          403,
          LoopbackClient.send(
                  proxy,
                  "GET",
                  "/api/v1/vehicles?limit=1",
                  null,
                  null,
                  Map.of("X-Forwarded-For", client))
              .status());
      assertEquals(
          200,
          LoopbackClient.send(
                  proxy,
                  "GET",
                  "/api/v1/vehicles?limit=1",
                  null,
                  null,
                  Map.of("X-Forwarded-For", "203.0.113.78"))
              .status());
      assertEquals(
          200, LoopbackClient.send(proxy, "GET", "/api/v1/vehicles?limit=1", null, null).status());
      as("admin")
          .get("/admin/security/blocked-clients")
          .then()
          .statusCode(200)
          .body("address", hasItem(client))
          .body("address", not(hasItem(proxy)))
          .body("address", not(hasItem("10.1.1.0")));
      as("admin").delete("/admin/security/blocked-clients/" + client).then().statusCode(204);
    } finally {
      ForecourtServer.removeConfigProperty("forecourt.http.trusted-proxies");
    }
  }

  @Test
  void repeatedAttacksBlockTheAddressUntilAnAdminUnblocksIt() throws IOException {
    String attacker = "127.0.0.22";
    ForecourtServer.configProperty("forecourt.intrusion.block-threshold", "3");
    double blocksBefore = Metrics.sum("forecourt_intrusion_blocks_total", Map.of());
    for (int i = 0; i < 3; i++) {
      assertEquals(
          400,
          LoopbackClient.send(
                  attacker, "GET", "/api/v1/vehicles?make=%27%20or%201%3D1--" + i, null, null)
              .status());
    }
    // now even a harmless request from that address is refused, with a Retry-After
    Answer blocked = LoopbackClient.send(attacker, "GET", "/api/v1/vehicles?limit=1", null, null);
    assertEquals(403, blocked.status());
    assertTrue(blocked.body().contains(BLOCKED), blocked.body());
    assertTrue(Long.parseLong(blocked.header("Retry-After")) > 60, "blocked for a while");
    assertEquals(blocksBefore + 1, Metrics.sum("forecourt_intrusion_blocks_total", Map.of()), 0.0);
    // other addresses are not affected
    assertEquals(
        200,
        LoopbackClient.send("127.0.0.23", "GET", "/api/v1/vehicles?limit=1", null, null).status());

    // an admin (from another address) sees the block and lifts it; others may not
    as("admin")
        .get("/admin/security/blocked-clients")
        .then()
        .statusCode(200)
        .body("address", hasItem(attacker))
        .body(
            "find { it.address == '" + attacker + "' }.lastRule",
            org.hamcrest.Matchers.equalTo("sql-injection"));
    as("manager").get("/admin/security/blocked-clients").then().statusCode(403);
    as("sales").delete("/admin/security/blocked-clients/" + attacker).then().statusCode(403);
    dev.forecourt.systemtest.support.Accounts.anonymous()
        .get("/admin/security/blocked-clients")
        .then()
        .statusCode(401);
    as("admin").delete("/admin/security/blocked-clients/" + attacker).then().statusCode(204);
    as("admin")
        .delete("/admin/security/blocked-clients/" + attacker)
        .then()
        .statusCode(404)
        .body("type", org.hamcrest.Matchers.equalTo("https://forecourt.dev/problems/not-found"));
    as("admin")
        .get("/admin/security/blocked-clients")
        .then()
        .statusCode(200)
        .body("address", not(hasItem(attacker)));
    assertEquals(
        200, LoopbackClient.send(attacker, "GET", "/api/v1/vehicles?limit=1", null, null).status());
  }
}
