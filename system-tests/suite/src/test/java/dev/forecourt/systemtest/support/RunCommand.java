package dev.forecourt.systemtest.support;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The README's run command ({@code server-config/run.sh}) as a user types it into a terminal, on
 * its own installation ({@code home}) and a free port base, with the pre-built EAR ({@code
 * FORECOURT_EAR}) instead of a build inside the build and only the FORECOURT_* settings given here
 * (none inherited). Used by {@code RunCommandIT} (it must come up working, again and again) and by
 * the benchmark (how long it takes).
 */
public final class RunCommand {

  private static final Logger LOG = Logger.getLogger(RunCommand.class.getName());
  private static final Duration START_TIMEOUT = Duration.ofMinutes(10);
  private static final Path SCRIPT = Scripts.SERVER_CONFIG.resolve("run.sh");

  /** The script's last words before it follows the log: what it says of the demo password. */
  private static final Pattern PASSWORD_TOLD =
      Pattern.compile(
          "Demo users admin, manager, sales: (password .*\\)\n|they exist already[\\s\\S]*password-reset\\)\\.\n)");

  private final Path home;
  private final int portBase;
  private final List<Run> started = new ArrayList<>();

  public RunCommand(Path home) {
    this.home = home.toAbsolutePath();
    this.portBase = ForecourtServer.freePortBase();
  }

  /** Deletes the installation (Payara, domain, database) of an earlier run. */
  public RunCommand fresh() throws IOException {
    if (Files.exists(home)) {
      try (Stream<Path> paths = Files.walk(home)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    return this;
  }

  /** The base URI of the run command's HTTP listener. */
  public String baseUri() {
    return "http://127.0.0.1:" + (portBase + 80);
  }

  public Path domainDir() {
    return home.resolve("payara-6.2025.10/payara6/glassfish/domains/forecourt");
  }

  /**
   * Starts the script (run {@code n}, its output in {@code run-command-logs/run-N.log} beside the
   * installation) and waits until it says it is running.
   */
  public Run start(int n, Map<String, String> env) throws IOException, InterruptedException {
    Path log =
        Files.createDirectories(home.getParent().resolve("run-command-logs"))
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
    pb.environment().put("FORECOURT_HOME", home.toString());
    pb.environment()
        .put(
            "FORECOURT_EAR",
            Path.of(System.getProperty("forecourt.ear", "../../ear/target/forecourt.ear"))
                .toAbsolutePath()
                .toString());
    pb.environment().put("FORECOURT_PORT_BASE", String.valueOf(portBase));
    pb.environment().putAll(env);
    Instant begin = Instant.now();
    Process process = pb.start();
    Run run = new Run(process, log, domainDir());
    started.add(run);
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
      Thread.sleep(250);
    }
    run.took = Duration.between(begin, Instant.now());
    LOG.info(() -> "run.sh (run " + n + ") running after " + run.took.toMillis() + " ms");
    return run;
  }

  /**
   * {@code asadmin restart-domain} of the running domain, as an operator restarts it; returns how
   * long until {@code /health/ready} answered 200.
   */
  public Duration restartDomain() throws IOException, InterruptedException {
    Instant begin = Instant.now();
    Process asadmin =
        new ProcessBuilder(
                home.resolve("payara-6.2025.10/payara6/bin/asadmin").toString(),
                "restart-domain",
                "--domaindir",
                domainDir().getParent().toString(),
                "forecourt")
            .redirectErrorStream(true)
            .start();
    String out = new String(asadmin.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!asadmin.waitFor(5, TimeUnit.MINUTES) || asadmin.exitValue() != 0) {
      throw new AssertionError("restart-domain failed: " + out);
    }
    URI ready = URI.create(baseUri() + "/health/ready");
    Poll.until(
        START_TIMEOUT,
        () -> ForecourtServer.httpStatus(ready) == 200,
        "the run command's domain ready after restart-domain");
    return Duration.between(begin, Instant.now());
  }

  /** Whatever is still running: every script started and the domain's JVM, killed. */
  public void stopEverything() {
    started.forEach(Run::destroyTree);
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

  /** One run of the script. */
  public static final class Run {
    private final Process process;
    private final Path log;
    private final Path domainDir;
    private Duration took;

    private Run(Process process, Path log, Path domainDir) {
      this.process = process;
      this.log = log;
      this.domainDir = domainDir;
    }

    /** From the script's start until it said it was running. */
    public Duration took() {
      return took;
    }

    public String output() {
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
    public void ctrlC() throws IOException, InterruptedException {
      new ProcessBuilder("kill", "-INT", "--", "-" + process.pid()).inheritIO().start().waitFor();
      check(process.waitFor(3, TimeUnit.MINUTES), "run.sh ended after Ctrl-C");
      check(output().contains("Stopping domain forecourt"), output());
      check(!domainAlive(), "the domain stopped with the script");
    }

    /** A crash: SIGKILL to the domain's JVM, then to the script and its children. */
    public void killDomainAndScript() throws IOException, InterruptedException {
      long pid = Long.parseLong(Files.readString(domainDir.resolve("config/pid")).trim());
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

    private boolean domainAlive() throws IOException {
      Path pid = domainDir.resolve("config/pid");
      return Files.exists(pid)
          && ProcessHandle.of(Long.parseLong(Files.readString(pid).trim()))
              .map(ProcessHandle::isAlive)
              .orElse(false);
    }

    private static void check(boolean condition, String message) {
      if (!condition) {
        throw new AssertionError(message);
      }
    }
  }
}
