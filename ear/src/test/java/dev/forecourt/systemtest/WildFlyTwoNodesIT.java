package dev.forecourt.systemtest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.forecourt.systemtest.support.Accounts;
import dev.forecourt.systemtest.support.CrossNodeStaleness;
import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.Metrics;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two WildFly 39 servers on one host, the same EAR: the shared server of the WildFly execution
 * ({@code node-1}) and a second one of the same installation and profile ({@code node-2}, its own
 * base directory and port offset), on one database. The application's caches form one cluster
 * (JGroups TCP, discovery through the database, as on Payara) and stay coherent. Runs in the {@code
 * wildfly} execution only (ear/pom.xml).
 */
@ExtendWith(ForecourtServer.class)
class WildFlyTwoNodesIT {

  private static final int ROUNDS = 20;
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
  void aChangeOnOneServerIsNeverReadStaleOnTheOther() {
    CrossNodeStaleness.Result result =
        CrossNodeStaleness.measure(
            WildFlyTwoNodesIT::on, () -> Metrics.read(second.metricsUri()), ROUNDS);
    System.out.println("[WildFlyTwoNodesIT] " + result);
    result.assertCoherentAndCached();
  }
}
