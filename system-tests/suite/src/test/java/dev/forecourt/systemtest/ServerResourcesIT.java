package dev.forecourt.systemtest;

import static dev.forecourt.systemtest.support.ForecourtServer.asadmin;
import static dev.forecourt.systemtest.support.Vehicles.api;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forecourt.systemtest.support.ForecourtServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The server resources belong to the server, where an operator manages them (admin console or
 * asadmin): the JDBC pool can be resized and pinged while the application keeps serving, without a
 * redeployment.
 */
@ExtendWith(ForecourtServer.class)
class ServerResourcesIT {

  private static final String POOL = "resources.jdbc-connection-pool.forecourt-pool";

  @Test
  void theJdbcPoolIsResizedWithoutRedeploying() {
    String before = asadmin("get", POOL + ".max-pool-size");
    try {
      asadmin("set", POOL + ".max-pool-size=40");
      assertTrue(asadmin("get", POOL + ".max-pool-size").contains("max-pool-size=40"));
      assertTrue(asadmin("ping-connection-pool", "forecourt-pool").contains("successfully"));
      api().get("/vehicles?limit=1").then().statusCode(200);
      api().get("/dealerships").then().statusCode(200);
      assertTrue(asadmin("list-applications").contains("forecourt"));
    } finally {
      asadmin(
          "set",
          before
              .trim()
              .lines()
              .filter(l -> l.contains("max-pool-size="))
              .findFirst()
              .orElseThrow());
    }
  }

  @Test
  void theApplicationUsesTheServersResourcesOnly() {
    assertTrue(asadmin("list-jdbc-resources").contains("jdbc/forecourt"));
    assertTrue(asadmin("list-managed-executor-services").contains("concurrent/forecourt"));
    // the JPA provider is the server's choice (JVM option), Hibernate ORM by default
    assertTrue(
        asadmin("list-jvm-options")
            .contains(
                "-Dcom.sun.persistence.defaultProvider=org.hibernate.jpa.HibernatePersistenceProvider"));
    io.restassured.RestAssured.get(ForecourtServer.baseUri() + "/health/ready")
        .then()
        .statusCode(200);
  }
}
