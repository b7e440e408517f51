package dev.forecourt.systemtest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
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

  /**
   * How long the instances cache a MicroProfile Config value. Not 0 as on the test domain:
   * create-cluster.sh refuses 0 (every setting read would be a Data Grid lookup under one
   * server-wide lock in Payara, which stalled whole instances during a rolling redeploy); a change
   * by {@link #setProperty} applies within it.
   */
  private static final Duration CONFIG_CACHE = Duration.ofSeconds(1);

  public static final Duration READY_TIMEOUT =
      Duration.parse(System.getProperty("forecourt.systemtest.ready-timeout", "PT180S"))
          .multipliedBy(2);

  private static Running running;

  /** Whether a cluster's start has begun in this JVM (guarded by the class). */
  private static boolean begun;

  @Override
  public void beforeAll(ExtensionContext context) {
    if (nested(context)) {
      return; // the enclosing class's cluster serves its @Nested classes
    }
    synchronized (PayaraCluster.class) {
      begun = true;
      PayaraCluster.class.notifyAll();
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
    if (nested(context)) {
      return;
    }
    synchronized (PayaraCluster.class) {
      if (running != null) {
        running.stop();
        running = null;
      }
      PayaraCluster.class.notifyAll();
    }
  }

  /**
   * For a class that runs beside the others (RunCommandIT): if a cluster's start begins within
   * {@code grace} (the cluster class is the first of the sequence, so it begins right after the
   * shared server's start), waits until that cluster has stopped again. Three Payara JVMs and a
   * fourth installation starting beside them slowed each other down on 2 cores; beside the
   * single-server classes, which wait a lot (outages, restarts, timers), the fourth one fills their
   * idle time instead.
   */
  public static void awaitClusterStopped(Duration grace) throws InterruptedException {
    long deadline = System.nanoTime() + grace.toNanos();
    synchronized (PayaraCluster.class) {
      while (!begun) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          return;
        }
        PayaraCluster.class.wait(left);
      }
      while (running != null) {
        PayaraCluster.class.wait();
      }
    }
  }

  private static boolean nested(ExtensionContext context) {
    return context.getRequiredTestClass().isAnnotationPresent(Nested.class);
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
    Poll.pause(CONFIG_CACHE.plusMillis(500));
  }

  /** Removes a setting {@link #setProperty} made. */
  public static void removeProperty(String name) {
    current();
    ForecourtServer.asadmin("delete-system-property", "--target", CONFIG, name);
    Poll.pause(CONFIG_CACHE.plusMillis(500));
  }

  /** http://127.0.0.1:PORT of haproxy. */
  public static URI loadBalancer() {
    return URI.create("http://127.0.0.1:" + current().lbPort);
  }

  /** http://127.0.0.1:PORT of the HTTP listener of instance {@code index} (0 or 1). */
  public static URI instance(int index) {
    return URI.create("http://127.0.0.1:" + (current().portBases.get(index) + 80));
  }

  /** haproxy's view of an instance: state (UP, DOWN, DRAIN, MAINT…), current and total sessions. */
  public record Backend(String state, long current, long total) {}

  /** haproxy's view of every instance, by name (its admin socket's "show stat"). */
  public static Map<String, Backend> backends() {
    Path socket = current().home.resolve("haproxy/admin.sock");
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      channel.write(ByteBuffer.wrap("show stat\n".getBytes(StandardCharsets.US_ASCII)));
      String csv =
          new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.US_ASCII);
      Map<String, Backend> backends = new LinkedHashMap<>();
      for (String line : csv.split("\n")) {
        String[] f = line.split(",", -1);
        if (f.length > 17 && f[0].equals("instances") && !f[1].equals("BACKEND")) {
          backends.put(
              f[1], new Backend(f[17].split(" ")[0], Long.parseLong(f[4]), Long.parseLong(f[7])));
        }
      }
      return backends;
    } catch (IOException e) {
      throw new UncheckedIOException("haproxy's admin socket " + socket, e);
    }
  }

  /** kill -9 of instance {@code index}'s JVM (no shutdown of any kind). */
  public static void kill(int index) {
    Path pid =
        ForecourtServer.payaraHome()
            .resolve("glassfish/nodes")
            .resolve("localhost-" + ForecourtServer.domainName())
            .resolve(INSTANCES.get(index))
            .resolve("config/pid");
    ProcessHandle process =
        ProcessHandle.of(Long.parseLong(readString(pid).trim()))
            .orElseThrow(() -> new IllegalStateException(INSTANCES.get(index) + " is not running"));
    process.destroyForcibly();
    process.onExit().join();
  }

  /** asadmin start-instance for instance {@code index} (returns when the instance has started). */
  public static void start(int index) {
    ForecourtServer.asadmin("start-instance", INSTANCES.get(index));
  }

  /**
   * A copy of {@code ear} (in target/) that is release {@code release}: its EJB module's
   * META-INF/forecourt-release.properties says so, as the build of that release would.
   */
  public static Path releaseOf(Path ear, String release) throws IOException {
    Path copy = Path.of("target", "forecourt-" + release + ".ear").toAbsolutePath();
    Files.copy(ear, copy, StandardCopyOption.REPLACE_EXISTING);
    Path module = Files.createTempFile("forecourt-ejb", ".jar");
    try (FileSystem application = FileSystems.newFileSystem(copy)) {
      Path inEar = application.getPath("forecourt-ejb.jar");
      Files.copy(inEar, module, StandardCopyOption.REPLACE_EXISTING);
      try (FileSystem ejb = FileSystems.newFileSystem(module)) {
        Files.writeString(
            ejb.getPath("META-INF/forecourt-release.properties"), "version=" + release + "\n");
      }
      Files.copy(module, inEar, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(module);
    }
    return copy;
  }

  /**
   * Deploys release {@code release} ({@code ear}) to the deployment group, disabled ({@code
   * rolling-deploy.sh --stage}).
   */
  public static void stage(Path ear, String release) {
    rollingDeploy("--stage", ear.toString(), release);
    current().versions.add("forecourt:" + release);
  }

  /**
   * Rolls the staged release {@code release} out to the instances one by one ({@code
   * rolling-deploy.sh - RELEASE}).
   */
  public static void rollOut(String release) {
    rollingDeploy("-", release);
  }

  private static void rollingDeploy(String... args) {
    Running r = current();
    String out =
        ForecourtServer.runScript(
            "rolling-deploy.sh",
            Map.of(
                "FORECOURT_HOME",
                r.home.toString(),
                "FORECOURT_CLUSTER_INSTANCES",
                String.join(" ", INSTANCES),
                "FORECOURT_CLUSTER_PORTBASES",
                r.portBases.get(0) + " " + r.portBases.get(1)),
            args);
    System.out.print("[PayaraCluster] " + out.strip().replace("\n", "\n[PayaraCluster] ") + "\n");
  }

  private static String readString(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class Running {
    private final List<Integer> portBases = new ArrayList<>();

    /** Versions of the application rolled out (removed from the domain at the end). */
    private final List<String> versions = new ArrayList<>();

    private int lbPort;
    private int jmsPort;
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
      int[] ports = Harness.freePorts(2);
      lbPort = ports[0];
      jmsPort = ports[1];
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
              String.valueOf(lbPort),
              "FORECOURT_JMS_PORT",
              String.valueOf(jmsPort),
              "FORECOURT_MP_CONFIG_CACHE_SECONDS",
              String.valueOf(CONFIG_CACHE.toSeconds())));
      for (int i = 0; i < INSTANCES.size(); i++) {
        awaitReady(URI.create("http://127.0.0.1:" + (portBases.get(i) + 80) + "/health/ready"));
      }
      awaitReady(URI.create("http://127.0.0.1:" + lbPort + "/health/ready"));
      awaitOneCluster();
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
        run(command);
      }
      for (String version : versions) {
        run(List.of("undeploy", "--target", "domain", version));
      }
      close();
    }

    private static void run(List<String> command) {
      try {
        ForecourtServer.asadmin(command.toArray(String[]::new));
      } catch (RuntimeException e) {
        System.out.println("[PayaraCluster] " + command + " failed: " + e.getMessage());
      }
    }

    /**
     * Kills the instances, haproxy and the JMS broker (at JVM exit the DAS may be stopping at the
     * same time).
     */
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
        kill(home.resolve("mq/broker.pid"));
      }
    }

    /**
     * Both instances, started side by side, see each other as members of one cluster of caches
     * (nodes join one at a time, so a split at start is a fault, not a wait); on failure the
     * instances' cluster log lines are printed.
     */
    private void awaitOneCluster() {
      try {
        Poll.until(
            Duration.ofSeconds(20),
            () -> List.of(members(0), members(1)),
            seen -> seen.stream().allMatch(INSTANCES::equals),
            "each instance sees " + INSTANCES + " as the members of its cluster");
      } catch (AssertionError split) {
        Path nodes = ForecourtServer.payaraHome().resolve("glassfish/nodes");
        try (var logs = Files.find(nodes, 5, (p, a) -> p.endsWith("logs/server.log"))) {
          logs.forEach(
              log -> {
                System.out.println("[PayaraCluster] cluster lines of " + log);
                readString(log)
                    .lines()
                    .filter(l -> l.matches(".*(Application caches|JGRP|ISPN0000|join lock).*"))
                    .forEach(System.out::println);
              });
        } catch (IOException e) {
          System.out.println("[PayaraCluster] cannot read the instances' logs: " + e);
        }
        throw split;
      }
    }

    private Object members(int index) {
      return io.restassured.RestAssured.given()
          .baseUri("http://127.0.0.1:" + (portBases.get(index) + 80))
          .header("Authorization", "Bearer " + Accounts.token("admin"))
          .get("/api/v1/status")
          .jsonPath()
          .getList("members");
    }

    private static void awaitReady(URI uri) {
      Poll.until(READY_TIMEOUT, () -> ForecourtServer.httpStatus(uri) == 200, uri + " answers 200");
    }
  }

  private static void kill(Path pidFile) {
    try {
      if (Files.exists(pidFile)) {
        ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
            .ifPresent(
                process -> {
                  // the broker's launcher script and the JVM it started
                  process.descendants().forEach(ProcessHandle::destroyForcibly);
                  process.destroyForcibly();
                });
      }
    } catch (IOException | NumberFormatException e) {
      System.out.println("[PayaraCluster] cannot stop " + pidFile + ": " + e);
    }
  }
}
