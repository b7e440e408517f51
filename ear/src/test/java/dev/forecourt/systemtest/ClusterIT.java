package dev.forecourt.systemtest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forecourt.systemtest.support.Accounts;
import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.LoopbackClient;
import dev.forecourt.systemtest.support.LoopbackClient.Answer;
import dev.forecourt.systemtest.support.Metrics;
import dev.forecourt.systemtest.support.PayaraCluster;
import dev.forecourt.systemtest.support.Poll;
import dev.forecourt.systemtest.support.Vehicles;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The application on a cluster ({@link PayaraCluster}: two Payara instances of a deployment group,
 * made by create-cluster.sh): the caches of the two nodes are one, so a change on one node is never
 * read stale on the other, a client's rate limit and an address's block hold on both, and a timer's
 * work runs on one node at a time.
 */
@ExtendWith({ForecourtServer.class, PayaraCluster.class})
class ClusterIT {

  private static final int ROUNDS = 20;

  private static RequestSpecification on(int node) {
    return given()
        .baseUri(PayaraCluster.instance(node).toString())
        .basePath("/api/v1")
        .header("Authorization", "Bearer " + Accounts.token("admin"));
  }

  @Test
  void theLoadBalancerSendsToBothInstances() {
    for (int node = 0; node < 2; node++) {
      given()
          .baseUri(PayaraCluster.instance(node).toString())
          .get("/health/ready")
          .then()
          .statusCode(200);
    }
    given()
        .baseUri(PayaraCluster.loadBalancer().toString())
        .header("Authorization", "Bearer " + Accounts.token("admin"))
        .get("/api/v1/vehicles?limit=1")
        .then()
        .statusCode(200);
  }

  @Test
  void aChangeOnOneNodeIsNeverReadStaleOnTheOther() {
    long id = Vehicles.create(on(0), "20000.00");
    double hitsBefore = l2Hits(1);
    List<Long> firstReadMillis = new ArrayList<>();
    int stale = 0;
    for (int round = 1; round <= ROUNDS; round++) {
      // node 1 has the vehicle in its second-level cache
      on(1).get("/vehicles/{id}", id).then().statusCode(200);
      on(1).get("/vehicles/{id}", id).then().statusCode(200);
      String price = new BigDecimal(20_000 + round).setScale(2).toPlainString();
      Response read = on(0).get("/vehicles/{id}", id);
      Map<String, Object> body =
          new HashMap<>(Vehicles.draft(read.jsonPath().getString("vin"), price));
      body.put("status", read.jsonPath().getString("status"));
      on(0)
          .contentType(ContentType.JSON)
          .header("If-Match", read.header("ETag"))
          .body(body)
          .put("/vehicles/{id}", id)
          .then()
          .statusCode(200);
      // node 0 has answered: node 1's very next read must show the change
      long begin = System.nanoTime();
      String seen =
          on(1)
              .get("/vehicles/{id}", id)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getString("price");
      firstReadMillis.add((System.nanoTime() - begin) / 1_000_000);
      if (new BigDecimal(seen).compareTo(new BigDecimal(price)) != 0) {
        stale++;
      }
    }
    double hits = l2Hits(1) - hitsBefore;
    Collections.sort(firstReadMillis);
    System.out.printf(
        "[ClusterIT] cross-node staleness: %d of %d reads on node 2 right after a change on node 1"
            + " were stale; the change was visible at node 2's first read in every other round"
            + " (that read took median %d ms, max %d ms); node 2's L2 hits meanwhile: %.0f%n",
        stale, ROUNDS, firstReadMillis.get(ROUNDS / 2), firstReadMillis.get(ROUNDS - 1), hits);
    assertEquals(0, stale, "reads of an old value on the other node");
    // the reads were served by node 2's second-level cache, not all from the database
    assertTrue(hits >= ROUNDS, "node 2 read from its second-level cache (" + hits + " hits)");
  }

  @Test
  void aClientHasOneRateLimitOnTheWholeCluster() {
    int limit = 37; // a limit of its own: a bucket no other test used
    PayaraCluster.setProperty("forecourt.rate-limit.user.per-minute", String.valueOf(limit));
    try {
      int accepted = 0;
      int request = 0;
      int status;
      do {
        status = on(request % 2).get("/vehicles?limit=1").statusCode();
        if (status == 200) {
          accepted++;
        }
        request++;
      } while (status == 200 && request < 3 * limit);
      assertEquals(429, status, "the limit was reached");
      assertEquals(limit, accepted, "requests accepted on both nodes together");
      // the other node refuses too
      on(request % 2).get("/vehicles?limit=1").then().statusCode(429);
      System.out.printf(
          "[ClusterIT] rate limit %d/min on two nodes, requests alternating: %d accepted, then 429 on"
              + " both%n",
          limit, accepted);
    } finally {
      PayaraCluster.removeProperty("forecourt.rate-limit.user.per-minute");
    }
  }

  @Test
  void anAddressBlockedOnOneNodeIsBlockedOnTheOther() throws IOException {
    String attacker = "127.0.0.41";
    PayaraCluster.setProperty("forecourt.intrusion.block-threshold", "4");
    try {
      for (int i = 0; i < 4; i++) {
        // two attack requests on each node: only together do they reach the threshold
        Answer attack =
            LoopbackClient.send(
                PayaraCluster.instance(i % 2),
                attacker,
                "GET",
                "/api/v1/vehicles?make=%27%20or%201%3D1--" + i,
                null,
                null,
                Map.of());
        assertEquals(400, attack.status(), attack.body());
      }
      for (int node = 0; node < 2; node++) {
        Answer blocked = harmless(PayaraCluster.instance(node), attacker);
        assertEquals(403, blocked.status(), "node " + (node + 1) + ": " + blocked.body());
        assertTrue(blocked.body().contains("client-blocked"), blocked.body());
      }
      // an admin on node 1 sees the block, lifts it on node 2: both let the address in again
      on(0)
          .get("/admin/security/blocked-clients")
          .then()
          .statusCode(200)
          .body("address", org.hamcrest.Matchers.hasItem(attacker));
      on(1).delete("/admin/security/blocked-clients/" + attacker).then().statusCode(204);
      for (int node = 0; node < 2; node++) {
        assertEquals(200, harmless(PayaraCluster.instance(node), attacker).status());
      }
    } finally {
      PayaraCluster.removeProperty("forecourt.intrusion.block-threshold");
    }
  }

  @Test
  void theOutboxRelayTimerRunsOnOneNodeAtATime() {
    // the test domain's own server runs the application too: three nodes, each with its timer
    List<URI> nodes =
        List.of(ForecourtServer.baseUri(), PayaraCluster.instance(0), PayaraCluster.instance(1));
    Map<String, String> relay = Map.of("timer", "forecourt-outbox-relay");
    double[] runsBefore = timerCounts(nodes, "forecourt_timer_runs_total", relay);
    double[] skipsBefore = timerCounts(nodes, "forecourt_timer_skipped_total", relay);
    Duration window = Duration.ofSeconds(40);
    Poll.pause(window);
    double[] runs = timerCounts(nodes, "forecourt_timer_runs_total", relay);
    double[] skips = timerCounts(nodes, "forecourt_timer_skipped_total", relay);
    double totalRuns = 0;
    double totalSkips = 0;
    StringBuilder perNode = new StringBuilder();
    for (int i = 0; i < nodes.size(); i++) {
      double r = runs[i] - runsBefore[i];
      double k = skips[i] - skipsBefore[i];
      totalRuns += r;
      totalSkips += k;
      perNode.append(String.format(" %s: %.0f runs, %.0f skipped;", nodes.get(i), r, k));
    }
    long intervals = window.toSeconds() / 5; // forecourt.events.relay.interval: PT5S
    System.out.printf(
        "[ClusterIT] outbox relay timer over %d s on 3 nodes: %.0f runs, %.0f skipped (%d intervals)"
            + " —%s%n",
        window.toSeconds(), totalRuns, totalSkips, intervals, perNode);
    // each node's timer fired every interval, but the work ran once per interval on the cluster
    assertTrue(totalRuns + totalSkips >= 2.5 * intervals, "every node's timer fired");
    assertTrue(
        totalRuns >= intervals - 2 && totalRuns <= intervals + 2,
        totalRuns + " runs in " + intervals + " intervals");
  }

  private static double[] timerCounts(List<URI> nodes, String name, Map<String, String> labels) {
    double[] counts = new double[nodes.size()];
    for (int i = 0; i < nodes.size(); i++) {
      counts[i] = Metrics.sum(Metrics.scrape(nodes.get(i)), name, labels);
    }
    return counts;
  }

  private static Answer harmless(URI node, String from) throws IOException {
    return LoopbackClient.send(node, from, "GET", "/api/v1/vehicles?limit=1", null, null, Map.of());
  }

  private static double l2Hits(int node) {
    return Metrics.sum(
        Metrics.scrape(PayaraCluster.instance(node)), "forecourt_l2_cache_hits", Map.of());
  }
}
