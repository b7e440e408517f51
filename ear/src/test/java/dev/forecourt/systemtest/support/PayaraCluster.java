package dev.forecourt.systemtest.support;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Forecourt cluster for the system tests, made by {@code server-config/payara/create-cluster.sh}
 * in the test domain (whose DAS, started by {@link ForecourtServer}, becomes its admin server): a
 * deployment group of two instances with their own ports, the application referenced to it, and
 * haproxy in front. Started by a cluster test class and stopped after it (instances stopped,
 * haproxy killed; also at JVM exit), so that the test classes after it have the test domain's
 * server to themselves again: the instances share its database. Register after {@link
 * ForecourtServer}: {@code @ExtendWith({ForecourtServer.class, PayaraCluster.class})}.
 */
public final class PayaraCluster implements BeforeAllCallback, AfterAllCallback {

  public static final List<String> INSTANCES = List.of("forecourt-1", "forecourt-2");

  /** The configuration of the instances (create-cluster.sh's default). */
  private static final String CONFIG = "forecourt-config";

  private static final Duration READY_TIMEOUT =
      Duration.parse(System.getProperty("forecourt.systemtest.ready-timeout", "PT180S"))
          .multipliedBy(2);

  private static Running running;

  @Override
  public void beforeAll(ExtensionContext context) {
    synchronized (PayaraCluster.class) {
      if (running == null) {
        Running r = new Running();
        Runtime.getRuntime().addShutdownHook(new Thread(r::close, "PayaraCluster-stop"));
        try {
          r.start();
        } catch (RuntimeException | Error e) {
          r.close();
          throw e;
        }
        running = r;
      }
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    synchronized (PayaraCluster.class) {
      if (running != null) {
        running.stop();
        running = null;
      }
    }
  }

  private static Running current() {
    Running r = running;
    if (r == null) {
      throw new IllegalStateException("Register @ExtendWith(PayaraCluster.class) on the test");
    }
    return r;
  }

  /**
   * Sets a setting for the cluster's instances only, at once: a system property of their
   * configuration (Payara applies it on the running instances; MP Config reads it before the
   * domain's config source, whose runtime changes reach only the DAS).
   */
  public static void setProperty(String name, String value) {
    current();
    ForecourtServer.asadmin(
        "create-system-properties", "--target", CONFIG, name + "=" + value.replace(":", "\\:"));
  }

  /** Removes a setting {@link #setProperty} made. */
  public static void removeProperty(String name) {
    current();
    ForecourtServer.asadmin("delete-system-property", "--target", CONFIG, name);
  }

  /** http://127.0.0.1:PORT of haproxy. */
  public static URI loadBalancer() {
    return URI.create("http://127.0.0.1:" + current().lbPort);
  }

  /** http://127.0.0.1:PORT of the HTTP listener of instance {@code index} (0 or 1). */
  public static URI instance(int index) {
    return URI.create("http://127.0.0.1:" + (current().portBases.get(index) + 80));
  }

  private static final class Running {
    private final List<Integer> portBases = new ArrayList<>();
    private int lbPort;
    private Path home;

    void start() {
      Instant begin = Instant.now();
      while (portBases.size() < INSTANCES.size()) {
        int base = ForecourtServer.freePortBase();
        if (portBases.stream().noneMatch(b -> Math.abs(b - base) < 100)
            && Math.abs(base - (ForecourtServer.adminPort() - 48)) >= 100) {
          portBases.add(base);
        }
      }
      lbPort = Harness.freePorts(1)[0];
      home = Path.of("target/cluster").toAbsolutePath();
      // instances left by a killed test JVM belong to a domain that no longer exists
      Path nodes = ForecourtServer.payaraHome().resolve("glassfish/nodes");
      if (Files.exists(nodes)) {
        Harness.deleteRecursively(nodes);
      }
      ForecourtServer.runScript(
          "create-cluster.sh",
          Map.of(
              "FORECOURT_HOME",
              home.toString(),
              "FORECOURT_CLUSTER_INSTANCES",
              String.join(" ", INSTANCES),
              "FORECOURT_CLUSTER_PORTBASES",
              portBases.get(0) + " " + portBases.get(1),
              "FORECOURT_LB_PORT",
              String.valueOf(lbPort)));
      for (int i = 0; i < INSTANCES.size(); i++) {
        awaitReady(URI.create("http://127.0.0.1:" + (portBases.get(i) + 80) + "/health/ready"));
      }
      awaitReady(URI.create("http://127.0.0.1:" + lbPort + "/health/ready"));
      System.out.println(
          "[PayaraCluster] "
              + INSTANCES
              + " on port bases "
              + portBases
              + ", haproxy on "
              + lbPort
              + ", ready after "
              + Duration.between(begin, Instant.now()).toSeconds()
              + " s");
    }

    /**
     * Stops the instances through the DAS and takes the application off the group (else the test
     * domain's own redeploys are refused: "referenced by more than one target"), then makes sure
     * with {@link #close()}.
     */
    void stop() {
      for (List<String> command :
          List.of(
              List.of("stop-deployment-group", "forecourt"),
              List.of("delete-application-ref", "--target", "forecourt", "forecourt"))) {
        try {
          ForecourtServer.asadmin(command.toArray(String[]::new));
        } catch (RuntimeException e) {
          System.out.println("[PayaraCluster] " + command + " failed: " + e.getMessage());
        }
      }
      close();
    }

    /** Kills the instances and haproxy (at JVM exit the DAS may be stopping at the same time). */
    synchronized void close() {
      Path nodes = ForecourtServer.payaraHome().resolve("glassfish/nodes");
      if (Files.exists(nodes)) {
        try (var pids = Files.find(nodes, 4, (p, a) -> p.endsWith("config/pid"))) {
          pids.forEach(PayaraCluster::kill);
        } catch (IOException e) {
          System.out.println("[PayaraCluster] cannot list the instances: " + e);
        }
      }
      if (home != null) {
        kill(home.resolve("haproxy/haproxy.pid"));
      }
    }

    private static void awaitReady(URI uri) {
      Poll.until(READY_TIMEOUT, () -> ForecourtServer.httpStatus(uri) == 200, uri + " answers 200");
    }
  }

  private static void kill(Path pidFile) {
    try {
      if (Files.exists(pidFile)) {
        ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
            .ifPresent(ProcessHandle::destroyForcibly);
      }
    } catch (IOException | NumberFormatException e) {
      System.out.println("[PayaraCluster] cannot stop " + pidFile + ": " + e);
    }
  }
}
