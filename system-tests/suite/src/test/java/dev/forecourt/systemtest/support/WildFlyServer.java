package dev.forecourt.systemtest.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The EAR on WildFly 39 for the system tests ({@code -Dforecourt.systemtest.server=wildfly}):
 * installed and configured by the same {@code server-config/wildfly} scripts as the run command
 * ({@code provision.sh} with {@code FORECOURT_DB_KIND=postgresql}), started with a port offset on
 * 127.0.0.1, the EAR deployed by the deployment scanner, ready when the management port's {@code
 * /health/ready} answers 200. A setting changed at runtime is a server system property ({@code
 * /system-property=NAME}): MicroProfile Config reads system properties before the environment, at
 * every lookup.
 */
final class WildFlyServer {

  private static final Set<Integer> CLAIMED = ConcurrentHashMap.newKeySet();

  /** The harness's management user (ManagementRealm), for runtime settings and the shutdown. */
  private static final String MANAGEMENT_USER = "forecourt-harness";

  private final Path target;
  private final Path scripts;
  private final String node;
  private Path home;

  /** The server's base directory (configuration, deployments, data, log). */
  private Path base;

  private int offset;
  private Process process;
  private String managementPassword;

  WildFlyServer(Path target, Path scripts, String node) {
    this.target = target;
    this.scripts = scripts;
    this.node = node;
  }

  int httpPort() {
    return 8080 + offset;
  }

  int managementPort() {
    return 9990 + offset;
  }

  /** The API's listener: http://127.0.0.1:PORT. */
  URI baseUri() {
    return URI.create("http://127.0.0.1:" + httpPort());
  }

  /** The management port: the {@code /health} endpoints, the HTTP management API. */
  URI healthUri() {
    return URI.create("http://127.0.0.1:" + managementPort());
  }

  /** The Prometheus text of the micrometer subsystem, on the management port. */
  URI metricsUri() {
    return healthUri().resolve("/prometheus");
  }

  Path serverLog() {
    return base.resolve("log/server.log");
  }

  /**
   * Runs {@code server-config/wildfly/rolling-deploy.sh ear} with this installation's jboss-cli and
   * {@code env} (the balancer's FORECOURT_HOME and FORECOURT_LB_BACKENDS); returns what it printed.
   */
  String rollingDeploy(Path ear, Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    all.put("JBOSS_HOME", home.toString());
    return run(List.of(scripts.resolve("rolling-deploy.sh").toString(), ear.toString()), all);
  }

  /** Installs (once) and configures WildFly, starts it with {@code env} and deploys {@code ear}. */
  void start(Map<String, String> env, Path ear) {
    Path installations = target.resolve("wildfly-home");
    // the profile made again from the scripts of this build (provision.sh keeps an existing one)
    try (Stream<Path> dirs =
        Files.exists(installations) ? Files.list(installations) : Stream.of()) {
      for (Path dir : dirs.toList()) {
        Files.deleteIfExists(dir.resolve("standalone/configuration/forecourt.xml"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> provisionEnv = new HashMap<>(env);
    provisionEnv.put("FORECOURT_HOME", installations.toString());
    provisionEnv.put("FORECOURT_DB_KIND", "postgresql");
    String printed = run(List.of(scripts.resolve("provision.sh").toString()), provisionEnv);
    home = Path.of(printed.strip().lines().reduce((a, b) -> b).orElseThrow());
    base = home.resolve("standalone");
    stopLeftover();
    managementPassword = "Pw-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    run(
        List.of(
            home.resolve("bin/add-user.sh").toString(),
            "-u",
            MANAGEMENT_USER,
            "-p",
            managementPassword,
            "-s",
            "-sc",
            base.resolve("configuration").toString()),
        Map.of());
    launch(env, ear);
  }

  /**
   * A second server of the same installation and profile, in a base directory of its own (as an
   * operator runs two servers on one host: {@code -Djboss.server.base.dir}), started with {@code
   * env}; the caller waits for it ({@link #awaitReady}).
   */
  WildFlyServer another(String otherNode, Map<String, String> env, Path ear) {
    WildFlyServer other = new WildFlyServer(target, scripts, otherNode);
    other.home = home;
    other.base = target.resolve("wildfly-" + otherNode);
    // (the configuration copied below holds the management user)
    other.managementPassword = managementPassword;
    try {
      if (Files.exists(other.base)) {
        Harness.deleteRecursively(other.base);
      }
      Files.createDirectories(other.base.resolve("deployments"));
      try (Stream<Path> files = Files.walk(base.resolve("configuration"))) {
        for (Path from : files.toList()) {
          Path to = other.base.resolve(base.relativize(from).toString());
          if (Files.isDirectory(from)) {
            Files.createDirectories(to);
          } else if (from.getFileName().toString().equals("forecourt.xml")) {
            // a test may have set the readiness self-check's address as a system property of
            // the first server's profile (HealthAndMetricsIT): it names the first server, and a
            // profile's system property beats -D, so the second would check the first
            Files.writeString(
                to,
                Files.readString(from)
                    .replaceAll(
                        "\\s*<property name=\"forecourt\\.health\\.self-check\\.base-url\"[^>]*/>",
                        ""));
          } else if (!from.toString().contains("standalone_xml_history")) {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    other.launch(env, ear);
    return other;
  }

  private void launch(Map<String, String> env, Path ear) {
    offset = freeOffset();
    Path deployments = base.resolve("deployments");
    Path drain = base.resolve("data/forecourt-drain");
    try {
      try (Stream<Path> markers = Files.list(deployments)) {
        for (Path marker :
            markers.filter(p -> p.getFileName().toString().startsWith("forecourt.ear.")).toList()) {
          Files.delete(marker);
        }
      }
      Files.copy(ear, deployments.resolve("forecourt.ear"), StandardCopyOption.REPLACE_EXISTING);
      Files.deleteIfExists(drain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                home.resolve("bin/standalone.sh").toString(),
                "-c",
                "forecourt.xml",
                "--stability=community",
                "-b",
                "127.0.0.1",
                "-bmanagement",
                "127.0.0.1",
                "-bprivate",
                "127.0.0.1",
                "-Djboss.server.base.dir=" + base,
                "-Djboss.socket.binding.port-offset=" + offset,
                "-Djboss.node.name=" + node,
                "-Dforecourt.health.self-check.base-url=" + baseUri(),
                "-Dforecourt.shutdown.drain-file=" + drain,
                "-Djava.net.preferIPv4Stack=true"));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(target.resolve("wildfly-" + node + "-console.log").toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("FORECOURT_"));
    builder.environment().putAll(env);
    // the server's JVM: the options the Payara domain gets (JAVA_OPTS replaces WildFly's default)
    builder
        .environment()
        .put(
            "JAVA_OPTS",
            "-Xms256m -Xmx1g -Djava.net.preferIPv4Stack=true -Djava.awt.headless=true "
                + System.getProperty("forecourt.systemtest.serverJvmOptions", ""));
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start WildFly", e);
    }
  }

  /** Waits until the deployment is ready, or fails with its reason and the log's tail. */
  void awaitReady(Duration timeout) {
    URI ready = healthUri().resolve("/health/ready");
    Path failed = base.resolve("deployments/forecourt.ear.failed");
    Instant deadline = Instant.now().plus(timeout);
    int status = -1;
    while (Instant.now().isBefore(deadline) && !Files.exists(failed) && process.isAlive()) {
      status = ForecourtServer.httpStatus(ready);
      if (status == 200) {
        return;
      }
      Harness.sleep(1000);
    }
    String reason;
    try {
      reason = Files.exists(failed) ? Files.readString(failed) : "last status " + status;
    } catch (IOException e) {
      reason = e.toString();
    }
    throw new IllegalStateException(
        ready + " did not answer 200 within " + timeout + " (" + reason + "). Log:\n" + logTail());
  }

  /** Sets the system property {@code name} (a setting changed at runtime). */
  void configProperty(String name, String value) {
    Map<String, Object> property = systemProperty(name);
    Response written =
        management(
            Map.of(
                "operation",
                "write-attribute",
                "address",
                property,
                "name",
                "value",
                "value",
                value));
    if (written.statusCode() != 200) {
      expectSuccess(management(Map.of("operation", "add", "address", property, "value", value)));
    }
  }

  void removeConfigProperty(String name) {
    Response removed = management(Map.of("operation", "remove", "address", systemProperty(name)));
    if (removed.statusCode() != 200 && !removed.asString().contains("WFLYCTL0216")) {
      expectSuccess(removed); // (WFLYCTL0216: there was none)
    }
  }

  private static Map<String, Object> systemProperty(String name) {
    return Map.of("system-property", name);
  }

  /**
   * An operation on the management model over its HTTP API (JSON; the harness's management user),
   * as {@code jboss-cli.sh} does over its own protocol, without a JVM start per operation.
   */
  private Response management(Map<String, Object> operation) {
    return given()
        .auth()
        .digest(MANAGEMENT_USER, managementPassword)
        .contentType(ContentType.JSON)
        .body(operation)
        .post(healthUri().resolve("/management"));
  }

  private static void expectSuccess(Response response) {
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "WildFly management operation failed: "
              + response.statusCode()
              + " "
              + response.asString());
    }
  }

  /** An orderly shutdown (the application drains), then the process is gone. */
  void stop() {
    if (process == null || !process.isAlive()) {
      return;
    }
    try {
      expectSuccess(management(Map.of("operation", "shutdown")));
    } catch (RuntimeException e) {
      ForecourtServer.log("WildFly :shutdown failed: " + e.getMessage());
    }
    try {
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        ForecourtServer.log("Killing WildFly");
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A port offset (a multiple of 100 up to 7000: WildFly's highest port, 57600, stays below 65536)
   * at which the ports the server listens on are free.
   */
  private static int freeOffset() {
    int[] ports = {8080, 8443, 8009, 9990, 9993, 3528, 3529, 4712, 4713, 7600, 57600, 54200, 55200};
    for (int attempt = 0; attempt < 50; attempt++) {
      int candidate = ThreadLocalRandom.current().nextInt(1, 71) * 100;
      // (a server given an offset may not listen yet: an offset is handed out once)
      if (IntStream.of(ports).allMatch(p -> free(p + candidate)) && CLAIMED.add(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("No free port offset found for WildFly");
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName("0.0.0.0"))) {
      s.setReuseAddress(true);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A server of an earlier, killed test JVM still running from this installation. */
  private void stopLeftover() {
    String marker = "-Djboss.home.dir=" + home;
    // (every server of this installation: a killed test JVM's second node too)
    ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
        .forEach(
            p -> {
              ForecourtServer.log("Killing a leftover WildFly, pid " + p.pid());
              p.destroyForcibly();
            });
  }

  private String logTail() {
    try (Stream<String> lines = Files.lines(serverLog())) {
      List<String> all = lines.toList();
      return String.join("\n", all.subList(Math.max(0, all.size() - 150), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(no server.log: " + e + ")";
    }
  }

  private static String run(List<String> command, Map<String, String> env) {
    return ForecourtServer.run(command, env);
  }
}
