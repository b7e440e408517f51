package dev.forecourt.systemtest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forecourt.systemtest.support.Accounts;
import dev.forecourt.systemtest.support.CrossNodeStaleness;
import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.Metrics;
import dev.forecourt.systemtest.support.PayaraCluster;
import dev.forecourt.systemtest.support.Poll;
import dev.forecourt.systemtest.support.Vehicles;
import dev.forecourt.systemtest.support.WriteLoad;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two WildFly 39 servers on one host, the same EAR: the shared server of the WildFly execution
 * ({@code node-1}) and a second one of the same installation and profile ({@code node-2}, its own
 * base directory and port offset), on one database. The application's caches form one cluster
 * (JGroups TCP, discovery through the database, as on Payara) and stay coherent; haproxy spreads
 * requests over both, and a new release rolls out server by server without a failed request. Runs
 * in the {@code wildfly} execution only (ear/pom.xml).
 */
@ExtendWith(ForecourtServer.class)
class WildFlyTwoNodesIT {

  private static final int ROUNDS = 20;

  /** Requests per second through haproxy during the roll-out. */
  private static final int RATE = 20;

  /** The release the build wrote into the EAR (the project version, from Maven). */
  private static final String RELEASE = System.getProperty("forecourt.release", "0.1.0-SNAPSHOT");

  /** Not a variable of the scripts: where the balancer listens, for the test's requests. */
  private static final String LB_URI = "TEST_LB_URI";

  private static ForecourtServer.WildFlyNode second;

  @BeforeAll
  static void startTheSecondServer() {
    second = ForecourtServer.secondWildFlyNode();
  }

  @AfterAll
  static void stopTheSecondServer() {
    if (second != null) {
      second.close();
    }
  }

  private static RequestSpecification on(int node) {
    URI base = node == 0 ? ForecourtServer.baseUri() : second.baseUri();
    return given()
        .baseUri(base.toString())
        .basePath("/api/v1")
        .header("Authorization", "Bearer " + Accounts.token("admin"));
  }

  @Test
  void eachServerShowsItsNodeAndBothMembers() {
    List<String> members = List.of("node-1", "node-2");
    for (int node = 0; node < 2; node++) {
      on(node)
          .get("/status")
          .then()
          .statusCode(200)
          .body("node", equalTo(members.get(node)))
          .body("members", equalTo(members));
    }
  }

  @Test
  void theLoadBalancerOfThePayaraClusterSpreadsRequestsOverBothServers() {
    Map<String, String> env = balancer();
    try {
      startBalancer(env);
      Map<String, String> vehicles = Map.of("method", "GET", "endpoint", "/vehicles");
      double oneBefore = Metrics.sum("forecourt_http_requests_seconds_count", vehicles);
      double twoBefore = requestsOnTheSecond(vehicles);
      for (int i = 0; i < 20; i++) {
        given().baseUri(env.get(LB_URI)).get("/api/v1/vehicles?limit=1").then().statusCode(200);
      }
      double one = Metrics.sum("forecourt_http_requests_seconds_count", vehicles) - oneBefore;
      double two = requestsOnTheSecond(vehicles) - twoBefore;
      System.out.printf(
          "[WildFlyTwoNodesIT] 20 requests through haproxy: node-1 answered %.0f, node-2 %.0f%n",
          one, two);
      assertEquals(20, one + two, "every request answered by one of the two");
      assertTrue(one >= 5 && two >= 5, "both servers took their share");
    } finally {
      ForecourtServer.runScript("load-balancer.sh", env, "stop");
    }
  }

  /**
   * {@code server-config/wildfly/rolling-deploy.sh}: a new release (the same EAR with another
   * version) replaces the running one server by server behind haproxy, under 20 requests/s of reads
   * and writes through it, and not one request fails.
   */
  @Test
  void aNewReleaseRollsOutServerByServerWithoutAFailedRequest() throws IOException {
    String next = RELEASE + "-wildfly-next";
    Path ear = PayaraCluster.releaseOf(ForecourtServer.ear(), next);
    Map<String, String> env = balancer();
    try {
      startBalancer(env);
      List<Long> vehicles = List.of(Vehicles.create(on(0), "10000.00"));
      // 4 of 5 requests read the vehicle, the others write (leads, updates of the vehicle)
      WriteLoad load =
          new WriteLoad(URI.create(env.get(LB_URI)), () -> Accounts.token("admin"), vehicles)
              .reads(4);
      load.start(RATE);
      long begin = System.nanoTime();
      String printed;
      long took;
      WriteLoad.Outcome outcome;
      try {
        printed = ForecourtServer.rollingDeployOnWildFly(ear, env);
        took = (System.nanoTime() - begin) / 1_000_000_000;
        Poll.pause(Duration.ofSeconds(3));
      } finally {
        outcome = load.stop();
      }
      for (int node = 0; node < 2; node++) {
        on(node).get("/status").then().statusCode(200).body("version", equalTo(next));
      }
      System.out.printf(
          "[WildFlyTwoNodesIT] rolling redeploy of release %s under %d requests/s through haproxy"
              + " (4 of 5 reads): %s; the roll-out took %d s:%n%s%n",
          next, RATE, outcome.summary(), took, printed.strip());
      outcome.failures().forEach(f -> System.out.println("[WildFlyTwoNodesIT]   failed: " + f));
      outcome.assertNothingFailed();
    } finally {
      ForecourtServer.runScript("load-balancer.sh", env, "stop");
    }
  }

  /**
   * The balancer's environment: {@code server-config/payara/load-balancer.sh}, as for Payara, on a
   * free port; readiness on the servers' management ports.
   */
  private static Map<String, String> balancer() {
    int port = ForecourtServer.freePortBase();
    return Map.of(
        "FORECOURT_HOME",
        Path.of("target/wildfly-lb").toAbsolutePath().toString(),
        "FORECOURT_LB_PORT",
        String.valueOf(port),
        "FORECOURT_LB_BACKENDS",
        backend("node-1", ForecourtServer.baseUri(), ForecourtServer.healthUri())
            + " "
            + backend("node-2", second.baseUri(), second.healthUri()),
        LB_URI,
        "http://127.0.0.1:" + port);
  }

  private static void startBalancer(Map<String, String> env) {
    ForecourtServer.runScript("load-balancer.sh", env, "start");
    Poll.until(
        Duration.ofSeconds(30),
        () -> {
          String status = ForecourtServer.runScript("load-balancer.sh", env, "status");
          return status.contains("node-1 UP") && status.contains("node-2 UP");
        },
        "both servers UP in haproxy");
  }

  private static String backend(String name, URI api, URI health) {
    return name + "=127.0.0.1:" + api.getPort() + "@" + health.getPort();
  }

  private static double requestsOnTheSecond(Map<String, String> labels) {
    return Metrics.sum(
        Metrics.read(second.metricsUri()), "forecourt_http_requests_seconds_count", labels);
  }

  @Test
  void aChangeOnOneServerIsNeverReadStaleOnTheOther() {
    CrossNodeStaleness.Result result =
        CrossNodeStaleness.measure(
            WildFlyTwoNodesIT::on, () -> Metrics.read(second.metricsUri()), ROUNDS);
    System.out.println("[WildFlyTwoNodesIT] " + result);
    result.assertCoherentAndCached();
  }
}
