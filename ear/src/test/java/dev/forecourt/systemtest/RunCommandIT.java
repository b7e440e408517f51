package dev.forecourt.systemtest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.Leads;
import dev.forecourt.systemtest.support.PayaraCluster;
import dev.forecourt.systemtest.support.Scripts;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;
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

  private static final Logger LOG = Logger.getLogger(RunCommandIT.class.getName());
  private static final String PASSWORD = "Run-Command-Password-1";
  private static final Duration START_TIMEOUT = Duration.ofMinutes(10);
  private static final Path HOME = Path.of("target/run-command").toAbsolutePath();
  private static final Path SCRIPT = Scripts.SERVER_CONFIG.resolve("run.sh");
  private static final int PORT_BASE = ForecourtServer.freePortBase();
  private static final List<Run> STARTED = new ArrayList<>();

  /** The script's last words before it follows the log: what it says of the demo password. */
  private static final java.util.regex.Pattern PASSWORD_TOLD =
      java.util.regex.Pattern.compile(
          "Demo users admin, manager, sales: (password .*\\)\n|they exist already[\\s\\S]*password-reset\\)\\.\n)");

  @Test
  void startsWorkingAgainAndAgain() throws Exception {
    // beside the other classes, but not beside the shared server's start (three JVMs starting at
    // once on 2 cores slowed each other down more than running one after the other)
    ForecourtServer.awaitSharedServerStart(Duration.ofSeconds(15));
    // and not beside the cluster (ClusterIT, the first class of the sequence): beside the
    // single-server classes after it, which spend much of their time waiting
    PayaraCluster.awaitClusterStopped(Duration.ofSeconds(15));
    if (Files.exists(HOME)) {
      try (Stream<Path> paths = Files.walk(HOME)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    // 1: first start (installs Payara, creates the domain, deploys), then Ctrl-C
    Run first = start(1, Map.of("FORECOURT_DEMO_PASSWORD", PASSWORD));
    assertTrue(
        first.output().contains("Demo users admin, manager, sales: password " + PASSWORD),
        first.output());
    long lead1 = worksWith(PASSWORD, List.of());
    first.ctrlC();

    // 2: again without the password variable: the users keep theirs, and the script says so
    Run second = start(2, Map.of());
    assertTrue(second.output().contains("they exist already"), second.output());
    assertFalse(
        second.output().contains("Demo users admin, manager, sales: password"), second.output());
    assertTrue(second.output().contains("is deployed already: not redeploying"), second.output());
    long lead2 = worksWith(PASSWORD, List.of(lead1));
    second.killDomainAndScript();

    // 3: after a kill -9 of the domain (and of the script)
    Run third = start(3, Map.of("FORECOURT_DEMO_PASSWORD", PASSWORD));
    assertTrue(
        third.output().contains("Demo users admin, manager, sales: password " + PASSWORD),
        third.output());
    worksWith(PASSWORD, List.of(lead1, lead2));
    third.ctrlC();
  }

  @AfterAll
  static void stopEverything() {
    STARTED.forEach(Run::destroyTree);
    Path pid = domainDir().resolve("config/pid");
    try {
      if (Files.exists(pid)) {
        ProcessHandle.of(Long.parseLong(Files.readString(pid).trim()))
            .ifPresent(ProcessHandle::destroyForcibly);
      }
    } catch (IOException | NumberFormatException e) {
      LOG.warning("Cannot read " + pid + ": " + e);
    }
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
    return given().baseUri("http://127.0.0.1:" + (PORT_BASE + 80)).basePath("/api/v1");
  }

  private static Path domainDir() {
    return HOME.resolve("payara-6.2025.10/payara6/glassfish/domains/forecourt");
  }

  private static Run start(int n, Map<String, String> env)
      throws IOException, InterruptedException {
    Path log =
        Files.createDirectories(HOME.getParent().resolve("run-command-logs"))
            .resolve("run-" + n + ".log");
    // setsid: the script leads its own process group, like a command typed into a terminal;
    // env --default-signal=INT: Ctrl-C works as in a terminal even when this JVM was started in the
    // background of a shell without job control, which ignores SIGINT for everything it starts
    // (and bash cannot trap a signal ignored at its start)
    ProcessBuilder pb =
        new ProcessBuilder("env", "--default-signal=INT", "setsid", "bash", SCRIPT.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().keySet().removeIf(name -> name.startsWith("FORECOURT_"));
    pb.environment().put("FORECOURT_HOME", HOME.toString());
    pb.environment()
        .put(
            "FORECOURT_EAR",
            Path.of(System.getProperty("forecourt.ear", "target/forecourt.ear"))
                .toAbsolutePath()
                .toString());
    pb.environment().put("FORECOURT_PORT_BASE", String.valueOf(PORT_BASE));
    pb.environment().put("FORECOURT_DEMO_VEHICLES", "30");
    // the JVM settings of the other test servers (client compiler only, serial collector): the
    // same script, and less CPU taken from the classes it runs beside
    pb.environment()
        .put(
            "FORECOURT_SERVER_JVM_OPTIONS",
            System.getProperty("forecourt.systemtest.serverJvmOptions", ""));
    pb.environment().putAll(env);
    Instant begin = Instant.now();
    Process process = pb.start();
    Run run = new Run(process, log);
    STARTED.add(run);
    Instant deadline = begin.plus(START_TIMEOUT);
    while (!PASSWORD_TOLD.matcher(run.output()).find()) {
      if (!process.isAlive()) {
        throw new AssertionError(
            "run.sh (run " + n + ") ended with exit " + process.exitValue() + ":\n" + run.output());
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "run.sh (run " + n + ") not running within " + START_TIMEOUT + ":\n" + run.output());
      }
      Thread.sleep(1000);
    }
    LOG.info(
        () ->
            "run.sh (run "
                + n
                + ") running after "
                + Duration.between(begin, Instant.now()).toSeconds()
                + " s");
    return run;
  }

  private record Run(Process process, Path log) {

    String output() {
      try {
        return Files.readString(log, StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "(no output: " + e + ")";
      }
    }

    /**
     * Ctrl-C in the terminal: SIGINT to the script's whole process group; the script stops the
     * domain.
     */
    void ctrlC() throws IOException, InterruptedException {
      new ProcessBuilder("kill", "-INT", "--", "-" + process.pid()).inheritIO().start().waitFor();
      assertTrue(process.waitFor(3, TimeUnit.MINUTES), "run.sh ended after Ctrl-C");
      assertTrue(output().contains("Stopping domain forecourt"), output());
      assertFalse(domainAlive(), "the domain stopped with the script");
    }

    /** A crash: SIGKILL to the domain's JVM, then to the script and its children. */
    void killDomainAndScript() throws IOException, InterruptedException {
      long pid = Long.parseLong(Files.readString(domainDir().resolve("config/pid")).trim());
      ProcessHandle server = ProcessHandle.of(pid).orElseThrow();
      server.destroyForcibly();
      server.onExit().join();
      destroyTree();
      process.waitFor(1, TimeUnit.MINUTES);
    }

    void destroyTree() {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }

    private static boolean domainAlive() throws IOException {
      Path pid = domainDir().resolve("config/pid");
      return Files.exists(pid)
          && ProcessHandle.of(Long.parseLong(Files.readString(pid).trim()))
              .map(ProcessHandle::isAlive)
              .orElse(false);
    }
  }
}
