package dev.forecourt.systemtest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forecourt.systemtest.support.Accounts;
import dev.forecourt.systemtest.support.CrossNodeStaleness;
import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.Leads;
import dev.forecourt.systemtest.support.LoopbackClient;
import dev.forecourt.systemtest.support.LoopbackClient.Answer;
import dev.forecourt.systemtest.support.Metrics;
import dev.forecourt.systemtest.support.PayaraCluster;
import dev.forecourt.systemtest.support.Poll;
import dev.forecourt.systemtest.support.Vehicles;
import dev.forecourt.systemtest.support.WebhookReceiver;
import dev.forecourt.systemtest.support.WriteLoad;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The application on a cluster ({@link PayaraCluster}: two Payara instances of a deployment group,
 * made by create-cluster.sh): the caches of the two nodes are one, so a change on one node is never
 * read stale on the other, a client's rate limit and an address's block hold on both, and a timer's
 * work runs on one node at a time.
 *
 * <p>The first class of the sequence, on a fresh domain: run last instead (tried), it met what
 * every earlier class left on the shared domain (webhook subscriptions, jobs, data) and took
 * longer, and so did the suite (32 minutes instead of 27). {@link RunCommandIT} waits until its
 * cluster has stopped: beside it, both took half as long again as alone.
 */
@Order(1)
@ExtendWith({ForecourtServer.class, PayaraCluster.class})
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class ClusterIT {

  private static final int ROUNDS = 20;

  /**
   * {@code -Dforecourt.systemtest.cluster-lifecycle=false} leaves the cluster's lifecycle tests out
   * ({@link NodeKill}, {@link RollingRedeploy}: about 6 minutes on 2 cores), e.g. while working on
   * the other cluster tests; the README's test command runs them.
   */
  static final String LIFECYCLE = "forecourt.systemtest.cluster-lifecycle";

  private static final String WEBHOOK_TIMEOUT =
      "dev.forecourt.integration.infrastructure.WebhookCall/post/Timeout/value";

  /** The release the build wrote into the EAR (the project version, from Maven). */
  private static final String RELEASE = System.getProperty("forecourt.release", "0.1.0-SNAPSHOT");

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
  void aLogLevelSetOnOneNodeAppliesOnTheOtherAndLeavesWithItsRemoval() {
    String logger = "dev.forecourt.inventory";
    long begin = System.nanoTime();
    on(0)
        .contentType(ContentType.JSON)
        .body(Map.of("level", "FINER"))
        .put("/admin/log-levels/{logger}", logger)
        .then()
        .statusCode(200)
        .body("effective", equalTo("FINER"));
    try {
      Poll.until(
          Duration.ofSeconds(15),
          () -> "FINER".equals(effectiveLevel(1, logger)),
          "node 2 applies the level node 1 stored");
      System.out.printf(
          "[ClusterIT] a log level set on node 1 was in effect on node 2 after %d ms%n",
          (System.nanoTime() - begin) / 1_000_000);
    } finally {
      on(0).delete("/admin/log-levels/{logger}", logger).then().statusCode(204);
    }
    Poll.until(
        Duration.ofSeconds(15),
        () -> "INFO".equals(effectiveLevel(1, logger)),
        "node 2 back to the configured level");
  }

  @Test
  void aSettingChangedOnOneNodeAppliesOnTheOther() {
    String key = "forecourt.rate-limit.anonymous.per-minute";
    long begin = System.nanoTime();
    on(0)
        .contentType(ContentType.JSON)
        .body(Map.of("value", "4322"))
        .put("/admin/settings/{key}", key)
        .then()
        .statusCode(200);
    try {
      Poll.until(
          Duration.ofSeconds(15),
          () -> "4322".equals(anonymousOn(1).get("/ping").header("RateLimit-Limit")),
          "node 2 applies the value node 1 stored");
      System.out.printf(
          "[ClusterIT] a setting changed on node 1 was in effect on node 2 after %d ms%n",
          (System.nanoTime() - begin) / 1_000_000);
    } finally {
      on(0).delete("/admin/settings/{key}", key).then().statusCode(204);
    }
    Poll.until(
        Duration.ofSeconds(15),
        () -> !"4322".equals(anonymousOn(1).get("/ping").header("RateLimit-Limit")),
        "node 2 back to the server's value");
  }

  private static RequestSpecification anonymousOn(int node) {
    return given().baseUri(PayaraCluster.instance(node).toString()).basePath("/api/v1");
  }

  private static String effectiveLevel(int node, String logger) {
    return on(node)
        .get("/admin/log-levels")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("findAll { it.logger == '" + logger + "' }.effective")
        .stream()
        .findFirst()
        .map(Object::toString)
        // no override listed on that node: the level dev.forecourt has there
        .orElseGet(
            () ->
                on(node)
                    .get("/admin/log-levels")
                    .jsonPath()
                    .getString("find { it.logger == 'dev.forecourt' }.effective"));
  }

  @Test
  void aChangeOnOneNodeIsNeverReadStaleOnTheOther() {
    CrossNodeStaleness.Result result =
        CrossNodeStaleness.measure(
            ClusterIT::on, () -> Metrics.scrape(PayaraCluster.instance(1)), ROUNDS);
    System.out.println("[ClusterIT] " + result);
    result.assertCoherentAndCached();
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

  /**
   * What one budget for the cluster costs a request: the same signed-in request, one at a time, on
   * a node whose rate-limit bucket is replicated to the other node and on the test domain's own
   * server (the DAS), whose buckets are local. A figure, not an assertion: the two JVMs differ in
   * more than the buckets.
   */
  @Test
  void theCostOfAReplicatedRateLimitBucketPerRequest() {
    double clustered = medianMillis(PayaraCluster.instance(0));
    double local = medianMillis(ForecourtServer.baseUri());
    System.out.printf(
        "[ClusterIT] GET /api/v1/ping signed in, 100 in a row: median %.2f ms on a cluster node"
            + " (bucket replicated to the other node), %.2f ms on the DAS (local bucket)%n",
        clustered, local);
  }

  private static double medianMillis(URI node) {
    RequestSpecification ping =
        given()
            .baseUri(node.toString())
            .header("Authorization", "Bearer " + Accounts.token("admin"));
    List<Long> nanos = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      long begin = System.nanoTime();
      ping.get("/api/v1/ping").then().statusCode(200);
      if (i >= 20) { // the first ones warm the connection and the code paths
        nanos.add(System.nanoTime() - begin);
      }
    }
    Collections.sort(nanos);
    return nanos.get(nanos.size() / 2) / 1e6;
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
    Duration window = Duration.ofSeconds(15);
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

  @Test
  void theDeadLetterQueueIsOneForTheCluster() {
    PayaraCluster.setProperty("forecourt.webhooks.redelivery.limit", "1");
    try (WebhookReceiver receiver = new WebhookReceiver().failing(d -> true)) {
      long subscription = subscribe(receiver, "lead.status_changed");
      try {
        long lead = Leads.create("admin");
        Leads.transition(on(0), lead, "CONTACTED", null).then().statusCode(200);
        // node 1 sent the webhook, it failed at its only attempt: node 2 sees the dead letter
        String jobId =
            Poll.until(
                Duration.ofSeconds(60),
                () -> deadLetterOf(1, subscription),
                java.util.Objects::nonNull,
                "the dead letter of subscription " + subscription + " on node 2");
        assertEquals(jobId, deadLetterOf(0, subscription), "node 1 lists the same dead letter");
        receiver.failing(d -> false);
        on(1).post("/admin/dlq/{jobId}/redeliver", jobId).then().statusCode(200);
        Poll.until(
            Duration.ofSeconds(60),
            () -> receiver.processed().size() == 1,
            "the redelivered webhook is received");
        assertEquals(null, deadLetterOf(0, subscription), "gone from node 1's view too");
      } finally {
        on(0).delete("/webhooks/{id}", subscription).then().statusCode(204);
      }
    } finally {
      PayaraCluster.removeProperty("forecourt.webhooks.redelivery.limit");
    }
  }

  /**
   * Webhook calls may take 60 s instead of 10 on the cluster's instances ({@link NodeKill} holds
   * them until its kill), by the MP Fault Tolerance key an operator would use, as a system property
   * of the cluster's configuration: not on the DAS, whose webhook tests after this class need the
   * 10 s; set before any call of the cluster (Payara keeps a method's fault tolerance policy for up
   * to a minute).
   */
  @BeforeAll
  static void patientWebhookCalls() {
    PayaraCluster.setProperty(WEBHOOK_TIMEOUT, "60000");
  }

  @AfterAll
  static void usualWebhookCalls() {
    PayaraCluster.removeProperty(WEBHOOK_TIMEOUT);
  }

  @Test
  void eachNodeShowsItsReleaseNodeAndTheMembers() {
    for (int node = 0; node < 2; node++) {
      on(node)
          .get("/status")
          .then()
          .statusCode(200)
          .body("node", org.hamcrest.Matchers.equalTo(PayaraCluster.INSTANCES.get(node)))
          .body("version", org.hamcrest.Matchers.equalTo(RELEASE))
          .body("members", org.hamcrest.Matchers.equalTo(PayaraCluster.INSTANCES));
    }
  }

  /**
   * A node killed (kill -9) under steady writes through the load balancer, restarted 20 s later: no
   * acknowledged write is lost, almost no write fails (the client repeats after a connection error
   * or a 502/503/504, with its Idempotency-Key or If-Match), the balancer stops sending to the dead
   * node within seconds, and the restarted node serves again. The webhook jobs the dead node was
   * doing at the kill are done by the survivor, before the restart.
   */
  @Nested
  @Order(1)
  @DisabledIfSystemProperty(named = LIFECYCLE, matches = "false")
  class NodeKill {

    private static final int WRITES_PER_SECOND = 200;

    /**
     * Status changes whose webhook calls are held at the kill: more than one node takes at once.
     */
    private static final int CANARIES = 24;

    @Test
    void noAcknowledgedWriteIsLostWhenANodeIsKilledUnderLoad() throws Exception {
      List<Long> vehicles = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        vehicles.add(Vehicles.create(on(i % 2), "10000.00"));
      }
      // jobs on the node that dies: webhooks of 24 status changes made just before the load, which
      // the receiver holds unanswered until the kill (the cluster's webhook time-out is longer,
      // see patientWebhookCalls). A node takes at most 8 webhook jobs at once (WebhookListener's
      // endpointPoolMaxSize), so both nodes are making calls at the kill: the dying node's are jobs
      // it took and never finished, which the broker must hand to the survivor; the restart is
      // 20 s later.
      WebhookReceiver receiver = new WebhookReceiver().hold();
      long subscription = subscribe(receiver, "lead.status_changed");
      List<Long> canaries = new ArrayList<>();
      for (int i = 0; i < CANARIES; i++) {
        canaries.add(Leads.create("admin"));
      }
      String since = ForecourtServer.queryString("select now()::text");
      String dead = PayaraCluster.INSTANCES.get(0);
      WriteLoad load =
          new WriteLoad(PayaraCluster.loadBalancer(), () -> Accounts.token("admin"), vehicles);
      BackendWatch watch = new BackendWatch(dead);
      AtomicLong killedAt = new AtomicLong();
      AtomicLong restartAt = new AtomicLong();
      AtomicReference<Instant> killedInstant = new AtomicReference<>();
      AtomicReference<Instant> restartInstant = new AtomicReference<>();
      AtomicReference<CompletableFuture<Void>> restart = new AtomicReference<>();
      AtomicInteger waitingAtKill = new AtomicInteger();
      for (long lead : canaries) {
        Leads.transition(on(0), lead, "CONTACTED", null).then().statusCode(200);
      }
      long begin = System.nanoTime();
      WriteLoad.Outcome outcome =
          load.run(
              WRITES_PER_SECOND,
              Duration.ofSeconds(60),
              second -> {
                if (second == 20) {
                  waitingAtKill.set(receiver.waiting());
                  PayaraCluster.kill(0);
                  killedAt.set(System.nanoTime());
                  killedInstant.set(Instant.now());
                  watch.afterKill();
                  receiver.release();
                } else if (second == 40) {
                  restartAt.set(System.nanoTime());
                  restartInstant.set(Instant.now());
                  restart.set(CompletableFuture.runAsync(() -> PayaraCluster.start(0)));
                }
              });
      restart.get().get(PayaraCluster.READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      // every webhook is done, also those the dead node had taken (none lost)
      Poll.until(
          Duration.ofSeconds(120),
          () -> receiver.processed().size() == canaries.size(),
          "the webhooks of the " + canaries.size() + " status changes");
      Instant restartBegan = restartInstant.get();
      List<WebhookReceiver.Delivery> deliveries = receiver.received();
      receiver.close();
      Map<String, List<Instant>> receipts = new HashMap<>();
      for (WebhookReceiver.Delivery d : deliveries) {
        receipts.computeIfAbsent(d.id(), id -> new ArrayList<>()).add(d.receivedAt());
      }
      long webhooksBeforeRestart =
          receipts.values().stream().filter(r -> r.get(0).isBefore(restartBegan)).count();
      // sent before the kill (by the node that died), and again by the survivor before the restart
      long takenOver =
          receipts.values().stream()
              .filter(
                  r ->
                      r.size() > 1
                          && r.get(0).isBefore(killedInstant.get())
                          && r.get(r.size() - 1).isAfter(killedInstant.get())
                          && r.get(r.size() - 1).isBefore(restartBegan))
              .count();
      on(1).delete("/webhooks/{id}", subscription).then().statusCode(204);
      // the restarted node is back when the balancer has sent it a request again
      Poll.until(
          PayaraCluster.READY_TIMEOUT,
          () -> {
            ForecourtServer.httpStatus(PayaraCluster.loadBalancer().resolve("/health/ready"));
            return watch.servedAgain();
          },
          dead + " serves through the load balancer again");
      watch.close();

      long found;
      try (Connection c = ForecourtServer.dataSource().getConnection();
          PreparedStatement q =
              c.prepareStatement("select count(*) from sales_lead where id = any(?)")) {
        q.setArray(1, c.createArrayOf("bigint", outcome.leads().toArray()));
        try (ResultSet rs = q.executeQuery()) {
          rs.next();
          found = rs.getLong(1);
        }
      }
      long created =
          ForecourtServer.queryLong(
              "select count(*) from sales_lead where created_at >= '" + since + "'");
      int pricesKept = 0;
      for (Map.Entry<Long, String> vehicle : outcome.prices().entrySet()) {
        String stored =
            ForecourtServer.queryString(
                "select price_amount::text from vehicle where id = " + vehicle.getKey());
        if (vehicle.getValue() == null
            || new BigDecimal(stored).compareTo(new BigDecimal(vehicle.getValue())) == 0) {
          pricesKept++;
        }
      }
      double seconds = 1e-9;
      System.out.printf(
          "[ClusterIT] node kill under load: %d writes/s offered for 60 s through haproxy, %d sent"
              + " (%.0f/s; %d not sent while 96 were waiting for answers): %d leads, the rest"
              + " updates of %d vehicles; %s killed (kill -9) at 20 s, restarted at"
              + " 40 s. Acknowledged %d, failed %d (%.2f %%), repeats by the client %d; answers %s"
              + " (0 = no connection). Leads acknowledged %d, found afterwards %d (lost %d; leads"
              + " written since the start: %d); vehicles whose stored price is the last acknowledged"
              + " one: %d of %d. haproxy stopped sending to the dead node %.1f s after the kill%s;"
              + " the restarted node was ready %.1f s and served %.1f s after the restart began.%n",
          WRITES_PER_SECOND,
          outcome.started(),
          outcome.started() / 60.0,
          outcome.notSent(),
          outcome.leads().size(),
          vehicles.size(),
          dead,
          outcome.acknowledged(),
          outcome.failed(),
          100 * outcome.failedShare(),
          outcome.repeats(),
          outcome.answers(),
          outcome.leads().size(),
          found,
          outcome.leads().size() - found,
          created,
          pricesKept,
          vehicles.size(),
          (watch.downAt - killedAt.get()) * seconds,
          watch.upAtKill ? "" : " (it was out already: too busy to answer its health check)",
          (watch.upAt - restartAt.get()) * seconds,
          (watch.servedAt - restartAt.get()) * seconds);
      outcome.failures().forEach(f -> System.out.println("[ClusterIT]   failed: " + f));
      System.out.printf(
          "[ClusterIT] JMS jobs of the dead node: %d status changes made on %s just before the"
              + " load, their webhook calls held by the receiver until the kill (at %.1f s): %d"
              + " calls waiting then; %d of the webhooks delivered before"
              + " the restart began (%d requests received); %d sent before the kill and again"
              + " after it by the survivor%n",
          canaries.size(),
          dead,
          (killedAt.get() - begin) * 1e-9,
          waitingAtKill.get(),
          webhooksBeforeRestart,
          deliveries.size(),
          takenOver);
      // every call held at the kill was answered at once after it, but the dead node's: those jobs
      // return from the broker to the survivor, which sends them again
      assertTrue(takenOver > 0, "jobs the dead node was doing, done again by the survivor");
      assertEquals(
          canaries.size(),
          webhooksBeforeRestart,
          "webhooks done by the survivor before the restart");
      assertEquals(outcome.leads().size(), found, "acknowledged leads in the database");
      assertEquals(vehicles.size(), pricesKept, "vehicles with their last acknowledged price");
      assertTrue(outcome.failedShare() < 0.01, "failed writes: " + outcome.failedShare());
      assertTrue(watch.downAt > killedAt.get(), "haproxy took the dead node out");
    }
  }

  /**
   * A new release rolled out node by node under steady writes through the load balancer (the
   * procedure of docs/operations.md: the release staged, i.e. deployed to the group disabled; then,
   * under the load, on each instance in turn: drained in haproxy, the new release enabled there,
   * ready, back in haproxy): not one request fails (each is acknowledged, none answered with an
   * error; a request left unanswered for 20 s is repeated and reported), and {@code /api/v1/status}
   * shows the new release on both nodes.
   */
  @Nested
  @Order(2)
  @DisabledIfSystemProperty(named = LIFECYCLE, matches = "false")
  class RollingRedeploy {

    private static final String NEXT = RELEASE + "-next";

    /**
     * Requests per second through haproxy during the roll-out: on 2 cores that also run the DAS,
     * PostgreSQL and this client, 50/s made the switched node load the release in 65 s instead of
     * 20 (the survivor's answers take the CPU) and the test take 200 s.
     */
    private static final int RATE = 30;

    @Test
    void aNewReleaseRollsOutNodeByNodeWithoutAFailedRequest() throws IOException {
      // staged first (deployed to the group, disabled: no instance serves it yet), then rolled
      PayaraCluster.stage(PayaraCluster.releaseOf(ForecourtServer.ear(), NEXT), NEXT);
      List<Long> vehicles = List.of(Vehicles.create(on(0), "10000.00"));
      // 4 of 5 requests read the vehicle, the others write (leads, updates of the vehicle)
      WriteLoad load =
          new WriteLoad(PayaraCluster.loadBalancer(), () -> Accounts.token("admin"), vehicles)
              .reads(4);
      load.start(RATE);
      long begin = System.nanoTime();
      long took;
      WriteLoad.Outcome outcome;
      try {
        PayaraCluster.rollOut(NEXT);
        took = (System.nanoTime() - begin) / 1_000_000_000;
        Poll.pause(Duration.ofSeconds(5));
      } finally {
        outcome = load.stop();
      }
      for (int node = 0; node < 2; node++) {
        on(node).get("/status").then().statusCode(200).body("version", equalTo(NEXT));
      }
      // the DAS (which runs the application in the test domain) still serves its own copy
      assertEquals(
          200, ForecourtServer.httpStatus(ForecourtServer.baseUri().resolve("/api/v1/ping")));
      System.out.printf(
          "[ClusterIT] rolling redeploy of release %s under %d requests/s through haproxy (4 of 5"
              + " reads): %s; the roll-out took %d s (each node drained, switched, ready, back in"
              + " haproxy)%n",
          NEXT, RATE, outcome.summary(), took);
      outcome.failures().forEach(f -> System.out.println("[ClusterIT]   failed: " + f));
      // never without a serving node: no 502/503/504 from haproxy, no error from an instance (a
      // request unanswered within the client's 20 s is repeated and counted, see the figures)
      outcome.assertNothingFailed();
    }
  }

  /**
   * Follows one instance in haproxy's statistics every 100 ms: when it went DOWN after the kill,
   * when it was UP again, and when it was sent a request again after that.
   */
  private static final class BackendWatch implements AutoCloseable {
    private final String instance;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    private volatile boolean killed;
    volatile long downAt;
    volatile long upAt;
    volatile long servedAt;
    private long totalWhenUp;

    BackendWatch(String instance) {
      this.instance = instance;
      clock.scheduleAtFixedRate(this::look, 0, 100, TimeUnit.MILLISECONDS);
    }

    /** Whether haproxy had the instance UP when it was killed (else it was out already). */
    volatile boolean upAtKill;

    void afterKill() {
      PayaraCluster.Backend backend = PayaraCluster.backends().get(instance);
      upAtKill = backend != null && backend.state().equals("UP");
      killed = true;
    }

    private synchronized void look() {
      PayaraCluster.Backend backend = PayaraCluster.backends().get(instance);
      long now = System.nanoTime();
      if (!killed || backend == null) {
        return;
      }
      if (downAt == 0 && !backend.state().equals("UP")) {
        downAt = now;
      } else if (downAt != 0 && upAt == 0 && backend.state().equals("UP")) {
        upAt = now;
        totalWhenUp = backend.total();
      } else if (upAt != 0 && servedAt == 0 && backend.total() > totalWhenUp) {
        servedAt = now;
      }
    }

    boolean servedAgain() {
      return servedAt != 0;
    }

    @Override
    public void close() {
      clock.shutdownNow();
    }
  }

  /** Subscribes {@code receiver} to {@code type} (as admin, on node 1); the subscription id. */
  private static long subscribe(WebhookReceiver receiver, String type) {
    return receiver.subscribe(() -> on(0), List.of(type));
  }

  /** The job id of the dead letter of {@code subscription} as node {@code node} lists it. */
  private static String deadLetterOf(int node, long subscription) {
    List<Map<String, Object>> letters =
        on(node)
            .get("/admin/dlq?queue=webhooks")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("$");
    return letters.stream()
        .filter(
            l -> Long.valueOf(subscription).equals(((Number) l.get("subscriptionId")).longValue()))
        .map(l -> (String) l.get("jobId"))
        .findFirst()
        .orElse(null);
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
}
