package dev.forecourt.systemtest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.Leads;
import dev.forecourt.systemtest.support.PayaraCluster;
import dev.forecourt.systemtest.support.RunCommand;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The README's run command ({@code server-config/run.sh}, H2 and demo data), run three times in a
 * row on one installation, domain and database, as a user does: started with {@code
 * FORECOURT_DEMO_PASSWORD} and stopped with Ctrl-C (SIGINT to the terminal's whole process group);
 * started again without the variable, then the domain killed with SIGKILL; started a third time.
 * Each time it must come up working: sign in, a signed-in list, a write and its read-back, the data
 * of the earlier runs still there, and the script telling the truth about the password.
 *
 * <p>Its own installation under {@code target/run-command} and a free port base; the pre-built EAR
 * ({@code FORECOURT_EAR}) instead of a build inside the build. It shares nothing with the other
 * classes, so it runs beside them (junit-platform.properties), not after them.
 */
@Execution(ExecutionMode.CONCURRENT)
class RunCommandIT {

  private static final String PASSWORD = "Run-Command-Password-1";
  private static final RunCommand RUN = new RunCommand(Path.of("target/run-command"));

  /**
   * What every run of this class sets: few demo vehicles, and the JVM settings of the other test
   * servers (client compiler only, serial collector): the same script, and less CPU taken from the
   * classes it runs beside.
   */
  private static Map<String, String> env(Map<String, String> more) {
    Map<String, String> env = new HashMap<>(more);
    env.put("FORECOURT_DEMO_VEHICLES", "30");
    env.put(
        "FORECOURT_SERVER_JVM_OPTIONS",
        System.getProperty("forecourt.systemtest.serverJvmOptions", ""));
    return env;
  }

  @Test
  void startsWorkingAgainAndAgain() throws Exception {
    // beside the other classes, but not beside the shared server's start (three JVMs starting at
    // once on 2 cores slowed each other down more than running one after the other)
    ForecourtServer.awaitSharedServerStart(Duration.ofSeconds(15));
    // and not beside the cluster (ClusterIT, the first class of the sequence): beside the
    // single-server classes after it, which spend much of their time waiting
    PayaraCluster.awaitClusterStopped(Duration.ofSeconds(15));
    RUN.fresh();
    // 1: first start (installs Payara, creates the domain, deploys), then Ctrl-C
    RunCommand.Run first = RUN.start(1, env(Map.of("FORECOURT_DEMO_PASSWORD", PASSWORD)));
    assertTrue(
        first.output().contains("Demo users admin, manager, sales: password " + PASSWORD),
        first.output());
    long lead1 = worksWith(PASSWORD, List.of());
    // the web console's address is in the output, and it answers there
    String console = RUN.baseUri() + "/console/";
    assertTrue(first.output().contains("Web console    " + console), first.output());
    io.restassured.RestAssured.given()
        .get(console)
        .then()
        .statusCode(200)
        .body(org.hamcrest.Matchers.containsString("Forecourt console"));
    first.ctrlC();

    // 2: again without the password variable: the users keep theirs, and the script says so
    RunCommand.Run second = RUN.start(2, env(Map.of()));
    assertTrue(second.output().contains("they exist already"), second.output());
    assertFalse(
        second.output().contains("Demo users admin, manager, sales: password"), second.output());
    assertTrue(second.output().contains("is deployed already: not redeploying"), second.output());
    long lead2 = worksWith(PASSWORD, List.of(lead1));
    second.killDomainAndScript();

    // 3: after a kill -9 of the domain (and of the script)
    RunCommand.Run third = RUN.start(3, env(Map.of("FORECOURT_DEMO_PASSWORD", PASSWORD)));
    assertTrue(
        third.output().contains("Demo users admin, manager, sales: password " + PASSWORD),
        third.output());
    worksWith(PASSWORD, List.of(lead1, lead2));
    third.ctrlC();
  }

  @AfterAll
  static void stopEverything() {
    RUN.stopEverything();
  }

  /** Sign-in, a signed-in list, a write read back; the leads of earlier runs are still there. */
  private static long worksWith(String password, List<Long> earlierLeads) {
    String token =
        api()
            .contentType(ContentType.JSON)
            .body(Map.of("username", "admin", "password", password))
            .post("/auth/login")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getString("access_token");
    api()
        .header("Authorization", "Bearer " + token)
        .get("/vehicles?status=SOLD&limit=5")
        .then()
        .statusCode(200);
    long lead =
        api()
            .header("Authorization", "Bearer " + token)
            .contentType(ContentType.JSON)
            .body(Leads.draft("BER", null))
            .post("/leads")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    api()
        .header("Authorization", "Bearer " + token)
        .get("/leads/{id}", lead)
        .then()
        .statusCode(200)
        .body("id", equalTo((int) lead));
    for (long earlier : earlierLeads) {
      api()
          .header("Authorization", "Bearer " + token)
          .get("/leads/{id}", earlier)
          .then()
          .statusCode(200);
    }
    api().get("/vehicles?limit=1").then().statusCode(200);
    return lead;
  }

  private static RequestSpecification api() {
    return given().baseUri(RUN.baseUri()).basePath("/api/v1");
  }
}
