package dev.forecourt.bench;

import dev.forecourt.systemtest.support.Accounts;
import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.LeadGenerator;
import dev.forecourt.systemtest.support.Metrics;
import dev.forecourt.systemtest.support.Poll;
import dev.forecourt.systemtest.support.RunCommand;
import dev.forecourt.systemtest.support.VehicleGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The baseline read benchmark (run by {@code server-config/bench.sh}, never by {@code verify}): the
 * real EAR on Payara Server + PostgreSQL with {@code bench.vehicles} (100 000) generated vehicles,
 * loaded with {@code wrk} over loopback, beside a bare WAR on the same server ({@link
 * dev.forecourt.bench.bare.BareResource}: the server's own limit, measured in the same run). Per
 * endpoint: a warm-up, then a fixed-time measurement with a JFR recording of the server; prints
 * req/s, p50/p95/p99 latency, the ratios to the bare WAR, the server's CPU time per request (from
 * /proc), the second-level cache hit ratio (Hibernate statistics from {@code /metrics}) and where
 * the samples of the recording were, and writes the report to {@code bench.report}.
 *
 * <p>Nothing about speed is asserted: it fails only when the set-up fails (wrk missing, data not
 * generated, a non-2xx response, no request completed).
 *
 * <p>The signed-in rows send the demo admin's access token: their difference to the anonymous row
 * is the cost of verifying the JWT (RS256) and establishing the caller on every request.
 *
 * <p>The {@code /vehicles/{id}} row picks random ids from {@code bench.hotIds} (5 000) of the
 * generated vehicles, spread evenly over them: the Infinispan entity region of the local
 * configuration holds at most 10 000 entries (max-idle 100 s), so a working set of all 100 000 ids
 * cannot be an L2-hit benchmark. The extra row "all ids" shows what a working set larger than the
 * region costs.
 */
@ExtendWith(ForecourtServer.class)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class InventoryReadBench {

  /** The bare WAR's endpoint, measured first and last. */
  private static final String BARE = "GET /bare/constant";

  private static final Pattern RESULT = Pattern.compile("^BENCH-RESULT (.*)$", Pattern.MULTILINE);
  private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\S+)");
  private final String warmup = System.getProperty("bench.warmup", "15s");
  private final String duration = System.getProperty("bench.duration", "20s");
  private final String scaleWarmup = System.getProperty("bench.scaleWarmup", "5s");
  private final String scaleDuration = System.getProperty("bench.scaleDuration", "15s");
  private final String tuningWarmup = System.getProperty("bench.tuningWarmup", "30s");
  private final int threads = Integer.getInteger("bench.threads", 2);
  private final int connections = Integer.getInteger("bench.connections", 16);
  private final int vehicles = Integer.getInteger("bench.vehicles", 100_000);
  private final int hotIds = Integer.getInteger("bench.hotIds", 5_000);
  private final Path report =
      Path.of(System.getProperty("bench.report", "target/bench-report.txt"));
  private final Path work = Path.of(System.getProperty("bench.work", "target/bench"));
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @Test
  @org.junit.jupiter.api.Order(1)
  void inventoryReads() throws Exception {
    String wrk = requireWrk();
    Files.createDirectories(work);
    String base = ForecourtServer.baseUri().toString();
    Catalogue c = catalogue();
    long firstId = c.firstId();
    int stride = c.stride();
    int hot = c.hot();
    long hotFirst = c.hotFirst();
    String token = Accounts.token("admin");
    deployBareWars();
    List<Endpoint> endpoints =
        List.of(
            new Endpoint(
                BARE, "bare WAR, 200-byte JSON", fixedScript("/bare/constant", null), 0, 0, 0),
            new Endpoint(
                "GET /bare-soteria/constant",
                "bare WAR + Jakarta Security's bridge, bearer header",
                fixedScript("/bare-soteria/constant", "bench"),
                0,
                0,
                0),
            new Endpoint(
                "GET /bare-sam/constant",
                "bare WAR + a ServerAuthModule registered directly, bearer header",
                fixedScript("/bare-sam/constant", "bench"),
                0,
                0,
                0),
            new Endpoint(
                "GET /api/v1/ping",
                "JAX-RS + platform filters",
                fixedScript("/api/v1/ping", null),
                0,
                0,
                0),
            new Endpoint(
                "GET /api/v1/vehicles/{id}",
                "anonymous, " + hot + " hot ids",
                randomIdScript(hotFirst, hot, stride, null),
                hotFirst,
                hot,
                stride),
            new Endpoint(
                "GET /api/v1/vehicles/{id}",
                "same, signed in (JWT verified)",
                randomIdScript(hotFirst, hot, stride, token),
                0,
                0,
                0),
            new Endpoint(
                "GET /api/v1/vehicles?limit=20",
                "first page, anonymous",
                fixedScript("/api/v1/vehicles?limit=20", null),
                0,
                0,
                0),
            new Endpoint(
                "GET /api/v1/vehicles/{id}",
                "all " + vehicles + " ids, signed in",
                randomIdScript(firstId, vehicles, 1, token),
                0,
                0,
                0),
            // again at the end: the reference is the faster of the two bare windows (the first
            // can run before the server's JIT has settled)
            new Endpoint(
                BARE, "bare WAR again, last", fixedScript("/bare/constant", null), 0, 0, 0));

    // Every endpoint answers 200 before any load: a broken set-up is an error, not a number.
    requireOk(base + "/bare/constant");
    for (String war : List.of("bare-soteria", "bare-sam")) {
      requireOk(base + "/" + war + "/constant");
      String caller =
          http.send(
                  HttpRequest.newBuilder(URI.create(base + "/" + war + "/caller"))
                      .header("Authorization", "Bearer bench")
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      if (!"bench".equals(caller)) {
        throw new IllegalStateException(war + " did not sign the bearer in: " + caller);
      }
    }
    awaitGenerousRateLimits(base);
    requireOk(base + "/api/v1/ping");
    requireOk(base + "/api/v1/vehicles/" + hotFirst);
    requireOk(base + "/api/v1/vehicles/" + (hotFirst + (long) (hot - 1) * stride));
    String page = requireOk(base + "/api/v1/vehicles?limit=20");
    System.out.println(
        "[bench] first page: " + page.substring(0, Math.min(200, page.length())) + "...");

    long pid = ForecourtServer.serverPid();
    String loadBefore = loadAverage();
    Instant begin = Instant.now();
    List<Result> results = new ArrayList<>();
    for (int i = 0; i < endpoints.size(); i++) {
      Endpoint e = endpoints.get(i);
      Path script = work.resolve("endpoint-" + i + ".lua");
      Files.writeString(script, e.lua);
      prime(base, e);
      System.out.println("[bench] warm-up " + warmup + ": " + e.name + " (" + e.what + ")");
      runWrk(wrk, script, base, warmup, work.resolve("endpoint-" + i + "-warmup.txt"));
      String metricsBefore = Metrics.scrape();
      System.out.println("[bench] measure " + duration + ": " + e.name + " (" + e.what + ")");
      Path recording = work.resolve("endpoint-" + i + ".jfr").toAbsolutePath();
      jcmd(pid, "JFR.start", "name=bench-" + i, "settings=profile", "filename=" + recording);
      long cpuBefore = cpuTicks(pid);
      Map<String, String> r =
          runWrk(wrk, script, base, duration, work.resolve("endpoint-" + i + ".txt"));
      long cpuAfter = cpuTicks(pid);
      jcmd(pid, "JFR.stop", "name=bench-" + i);
      String metricsAfter = Metrics.scrape();
      results.add(
          new Result(
              e,
              r,
              delta(metricsBefore, metricsAfter, "forecourt_l2_cache_hits"),
              delta(metricsBefore, metricsAfter, "forecourt_l2_cache_misses"),
              delta(metricsBefore, metricsAfter, "forecourt_l2_cache_puts"),
              delta(metricsBefore, metricsAfter, "forecourt_response_cache_hits"),
              delta(metricsBefore, metricsAfter, "forecourt_response_cache_misses"),
              delta(metricsBefore, metricsAfter, "forecourt_response_cache_stale_served"),
              (cpuAfter - cpuBefore) * 1000.0 / CLOCK_TICKS_PER_SECOND,
              topFrames(recording)));
    }
    String text = table(results, loadBefore, Duration.between(begin, Instant.now()));
    System.out.println(text);
    Files.createDirectories(report.toAbsolutePath().getParent());
    Files.writeString(report, text);
    System.out.println("[bench] report written to " + report.toAbsolutePath());
    double bareRps =
        results.stream()
            .filter(r -> r.endpoint.name.equals(BARE))
            .mapToDouble(Result::rps)
            .max()
            .orElseThrow();
    BenchReport.write(
        work,
        String.format(
            Locale.ROOT,
            "Payara Server + PostgreSQL, %d generated vehicles; wrk %d threads, %d connections,"
                + " warm-up %s + measured %s per endpoint, loopback, %d cores (%s).",
            vehicles,
            threads,
            connections,
            warmup,
            duration,
            Runtime.getRuntime().availableProcessors(),
            Instant.now()),
        results.stream()
            .map(
                r ->
                    new BenchReport.Row(
                        r.endpoint.name,
                        r.endpoint.what,
                        r.rps(),
                        r.p50(),
                        r.p95(),
                        r.p99(),
                        r.rps() / bareRps,
                        r.cpuPerRequest(),
                        r.socketErrors()))
            .toList());
    System.out.println(
        "[bench] report.md, report.json and plots written to " + work.toAbsolutePath());
  }

  /**
   * Server settings chosen by measurement: each variant of {@code bench.tuning} is applied the way
   * an operator applies it ({@code configure-domain.sh} with its FORECOURT_* knobs; a pool
   * attribute by {@code asadmin set}), the domain restarted, the hot set primed, then the signed-in
   * cached read (5 000 hot ids) and the signed-in read of all ids (mostly L2 and response-cache
   * misses: the database path) are measured. First the domain's restart itself, twice: {@code
   * stop-domain}, then {@code start-domain} until {@code /health/ready} answers. The last variant
   * is the baseline again (how much the figures drift within a run).
   */
  @Test
  @org.junit.jupiter.api.Order(2)
  void serverTuning() throws Exception {
    String tuning = System.getProperty("bench.tuning", "all").trim();
    List<String> chosen =
        tuning.equals("all")
            ? List.copyOf(TUNING.keySet())
            : Stream.of(tuning.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
    if (chosen.isEmpty() || chosen.equals(List.of("none"))) {
      return;
    }
    String wrk = requireWrk();
    Files.createDirectories(work);
    String base = ForecourtServer.baseUri().toString();
    Catalogue c = catalogue();
    List<BenchReport.StartRow> starts = new ArrayList<>();
    for (int i = 1; i <= 2; i++) {
      Duration stop = ForecourtServer.stopDomainInOrder();
      Instant begin = Instant.now();
      ForecourtServer.startDomain();
      Duration start = Duration.between(begin, Instant.now());
      starts.add(
          new BenchReport.StartRow(
              "domain restart "
                  + i
                  + " (PostgreSQL, "
                  + vehicles
                  + " vehicles): stop + start until ready",
              seconds(stop.plus(start)),
              String.format(
                  Locale.ROOT,
                  "stop %.1f s, start until ready %.1f s",
                  seconds(stop),
                  seconds(start))));
    }
    List<BenchReport.TuningRow> rows = new ArrayList<>();
    for (String name : chosen) {
      Variant v = TUNING.get(name);
      if (v == null) {
        throw new IllegalArgumentException(
            "bench.tuning: no variant " + name + " in " + TUNING.keySet());
      }
      // what an earlier variant added beyond the knobs (a collector) goes first
      String options = ForecourtServer.asadmin("list-jvm-options");
      for (String gc : List.of("-XX:+UseParallelGC", "-XX:+UseSerialGC")) {
        if (options.lines().anyMatch(l -> l.trim().equals(gc))) {
          ForecourtServer.asadmin("delete-jvm-options", gc.replace(":", "\\:"));
        }
      }
      System.out.println("[bench] tuning variant " + name + ": " + v.what());
      Instant begin = Instant.now();
      String configured = ForecourtServer.runScript("configure-domain.sh", v.env());
      for (String set : v.sets()) {
        ForecourtServer.asadmin("set", set);
      }
      if (configured.contains("Restarting domain")) {
        ForecourtServer.awaitReady();
      } else {
        ForecourtServer.stopDomainInOrder();
        ForecourtServer.startDomain();
      }
      Duration restart = Duration.between(begin, Instant.now());
      awaitGenerousRateLimits(base);
      String token = Accounts.token("admin");
      prime(base, new Endpoint("", "", "", c.hotFirst(), c.hot(), c.stride()));
      Window hit =
          window(
              wrk,
              base,
              randomIdScript(c.hotFirst(), c.hot(), c.stride(), token),
              "tuning-" + name + "-hot",
              tuningWarmup,
              duration);
      Window miss =
          window(
              wrk,
              base,
              randomIdScript(c.firstId(), vehicles, 1, token),
              "tuning-" + name + "-all",
              "10s",
              duration);
      rows.add(
          new BenchReport.TuningRow(
              name,
              v.what(),
              seconds(restart),
              hit.rps(),
              hit.p99(),
              hit.cpuPerRequest(),
              miss.rps(),
              miss.p99(),
              miss.cpuPerRequest()));
      System.out.println(
          String.format(
              Locale.ROOT,
              "[bench] %s: hit %.0f req/s p99 %.1f ms %.3f ms CPU | all ids %.0f req/s p99 %.1f ms",
              name,
              hit.rps(),
              hit.p99(),
              hit.cpuPerRequest(),
              miss.rps(),
              miss.p99()));
    }
    appendToReport(BenchReport.writeTuning(work, rows, starts));
  }

  /**
   * The README's run command, timed: the first run on a fresh installation (Payara unpacked, the
   * domain created and configured, the EAR deployed, H2 migrated and the demo data loaded), Ctrl-C,
   * the second run on that installation, then {@code asadmin restart-domain} of its domain until
   * {@code /health/ready} answers. JVM settings as in production (the script's defaults).
   */
  @Test
  @org.junit.jupiter.api.Order(3)
  void runCommandStart() throws Exception {
    if (!Boolean.parseBoolean(System.getProperty("bench.runCommand", "true"))) {
      return;
    }
    RunCommand command = new RunCommand(work.resolve("run-command")).fresh();
    List<BenchReport.StartRow> starts = new ArrayList<>();
    try {
      RunCommand.Run first =
          command.start(1, Map.of("FORECOURT_DEMO_PASSWORD", "Bench-Password-1"));
      starts.add(
          new BenchReport.StartRow(
              "run command, first run (installs Payara, creates the domain, deploys, demo data)",
              seconds(first.took()),
              "until it prints the demo users' password"));
      first.ctrlC();
      RunCommand.Run second = command.start(2, Map.of());
      starts.add(
          new BenchReport.StartRow(
              "run command, second run (the cold start after the first install)",
              seconds(second.took()),
              "until it prints the demo users' password"));
      Duration restart = command.restartDomain();
      starts.add(
          new BenchReport.StartRow(
              "the run command's domain (H2): asadmin restart-domain until ready",
              seconds(restart),
              ""));
      second.ctrlC();
    } finally {
      command.stopEverything();
    }
    appendToReport(BenchReport.writeStarts(work, starts));
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }

  private void appendToReport(String text) throws IOException {
    System.out.println(text);
    Files.writeString(
        report,
        "\n" + text,
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
  }

  /** A server setting under test: configure-domain.sh's knobs, and pool attributes to set. */
  private record Variant(String what, Map<String, String> env, List<String> sets) {}

  private static final String POOL = "resources.jdbc-connection-pool.forecourt-pool.";

  /** The variants of {@link #serverTuning}, in order; the first and the last are the defaults. */
  private static final Map<String, Variant> TUNING = new LinkedHashMap<>();

  static {
    TUNING.put(
        "default",
        new Variant(
            "configure-domain.sh's defaults: 32 HTTP threads, G1, -Xmx1g, pool validation on",
            Map.of(),
            List.of()));
    TUNING.put(
        "threads-8",
        new Variant("8 HTTP worker threads", Map.of("FORECOURT_HTTP_THREADS", "8"), List.of()));
    TUNING.put(
        "threads-16",
        new Variant("16 HTTP worker threads", Map.of("FORECOURT_HTTP_THREADS", "16"), List.of()));
    TUNING.put(
        "threads-64",
        new Variant("64 HTTP worker threads", Map.of("FORECOURT_HTTP_THREADS", "64"), List.of()));
    TUNING.put(
        "heap-512m", new Variant("-Xmx512m", Map.of("FORECOURT_SERVER_HEAP", "512m"), List.of()));
    TUNING.put(
        "parallel-gc",
        new Variant(
            "Parallel collector",
            Map.of("FORECOURT_SERVER_JVM_OPTIONS", "-XX:+UseParallelGC"),
            List.of()));
    TUNING.put(
        "serial-gc",
        new Variant(
            "Serial collector",
            Map.of("FORECOURT_SERVER_JVM_OPTIONS", "-XX:+UseSerialGC"),
            List.of()));
    TUNING.put(
        "no-validation",
        new Variant(
            "JDBC pool without connection validation",
            Map.of(),
            List.of(POOL + "is-connection-validation-required=false")));
    TUNING.put(
        "default-again",
        new Variant("the defaults again (drift within the run)", Map.of(), List.of()));
  }

  /** The generated vehicles of the read measurements and their hot set. */
  private record Catalogue(long firstId, long hotFirst, int hot, int stride) {}

  private static Catalogue catalogue;

  /** Generates {@code bench.vehicles} vehicles once per run (the first part that needs them). */
  private Catalogue catalogue() {
    if (catalogue == null) {
      long firstId = VehicleGenerator.generate(vehicles, "BENCH");
      // generated vehicle g (id firstId - 1 + g) is SOLD when g % 20 == 0 and RESERVED when 1: with
      // a stride of 20 the hot ids start at g = 3, all AVAILABLE, so anonymous reads answer 200
      catalogue =
          new Catalogue(
              firstId,
              firstId + 2,
              Math.min(hotIds, vehicles),
              Math.max(1, vehicles / Math.min(hotIds, vehicles)));
    }
    return catalogue;
  }

  /**
   * The search at 10 000, 100 000 and 1 000 000 vehicles (bench.scale): the generated vehicles of
   * the first measurement are removed, then the catalogue grows to each size and three searches are
   * measured on the database path (a random {@code priceMax} above every price makes each request a
   * response-cache miss with the same rows): the first page, a first page filtered by make, and a
   * keyset page from the middle of the price order. Then the server's heap after a full GC.
   */
  @Test
  @org.junit.jupiter.api.Order(4)
  void searchAtScale() throws Exception {
    String wrk = requireWrk();
    Files.createDirectories(work);
    String base = ForecourtServer.baseUri().toString();
    awaitGenerousRateLimits(base);
    ForecourtServer.update("delete from vehicle where vin like 'BENCH%' or vin like 'SCALE%'");
    List<BenchReport.ScaleRow> rows = new ArrayList<>();
    int have = 0;
    char batch = 'A';
    for (String size : System.getProperty("bench.scale", "10000,100000,1000000").split(",")) {
      int target = Integer.parseInt(size.trim());
      VehicleGenerator.generate(target - have, "SCALE" + batch++);
      have = target;
      String middle = requireOk(base + "/api/v1/vehicles?sort=price&limit=1&priceMin=36000");
      String cursor = io.restassured.path.json.JsonPath.from(middle).getString("nextCursor");
      if (cursor == null) {
        throw new IllegalStateException("No next cursor in " + middle);
      }
      Map<String, String> searches = new LinkedHashMap<>();
      searches.put("first page", "/api/v1/vehicles?limit=20");
      searches.put("first page, make=Tesla", "/api/v1/vehicles?limit=20&make=Tesla");
      searches.put(
          "keyset page, middle of the price order",
          "/api/v1/vehicles?limit=20&sort=price&cursor="
              + java.net.URLEncoder.encode(cursor, StandardCharsets.UTF_8));
      for (Map.Entry<String, String> search : searches.entrySet()) {
        requireOk(base + search.getValue() + "&priceMax=99999999");
        rows.add(
            measureScale(
                wrk,
                base,
                search.getKey(),
                target,
                cacheMissScript(search.getValue()),
                "scale-" + target + "-" + rows.size()));
      }
    }
    // the leads list at bench.leads leads, as a manager of two of the three dealerships
    int leads = Integer.getInteger("bench.leads", 5_000_000);
    if (leads > 0) {
      long firstLead = LeadGenerator.generate(leads);
      String manager = Accounts.token("manager");
      Map<String, String> lists = new LinkedHashMap<>();
      lists.put("leads: first page", "/api/v1/leads?limit=20");
      lists.put("leads: first page, status=QUALIFIED", "/api/v1/leads?limit=20&status=QUALIFIED");
      lists.put(
          "leads: keyset page, middle of the list",
          "/api/v1/leads?limit=20&cursor=" + (firstLead + leads / 2));
      for (Map.Entry<String, String> list : lists.entrySet()) {
        rows.add(
            measureScale(
                wrk,
                base,
                list.getKey(),
                leads,
                fixedScript(list.getValue(), manager),
                "leads-" + rows.size()));
      }
    }
    long pid = ForecourtServer.serverPid();
    jcmd(pid, "GC.run");
    double heapMiB = heapUsedBytes(pid) / 1024.0 / 1024.0;
    appendToReport(BenchReport.writeScale(work, rows, heapMiB));
  }

  /** One search of the scale part: warm-up, then the measured window, as a row of the report. */
  private BenchReport.ScaleRow measureScale(
      String wrk, String base, String search, int size, String lua, String name)
      throws IOException, InterruptedException {
    System.out.println("[bench] measure " + search + " at " + size + " rows");
    Window w = window(wrk, base, lua, name, scaleWarmup, scaleDuration);
    return new BenchReport.ScaleRow(search, size, w.rps(), w.p50(), w.p95(), w.p99());
  }

  /** A measured window: req/s, latency percentiles in ms, the server's CPU ms per request. */
  private record Window(double rps, double p50, double p95, double p99, double cpuPerRequest) {}

  /** Runs {@code lua} for {@code warm}, then measures it for {@code time}. */
  private Window window(String wrk, String base, String lua, String name, String warm, String time)
      throws IOException, InterruptedException {
    Path script = work.resolve(name + ".lua");
    Files.writeString(script, lua);
    runWrk(wrk, script, base, warm, work.resolve(name + "-warmup.txt"));
    long pid = ForecourtServer.serverPid();
    long cpuBefore = cpuTicks(pid);
    Map<String, String> r = runWrk(wrk, script, base, time, work.resolve(name + ".txt"));
    double requests = Long.parseLong(r.get("requests"));
    return new Window(
        requests * 1_000_000.0 / Long.parseLong(r.get("duration_us")),
        Double.parseDouble(r.get("p50_us")) / 1000,
        Double.parseDouble(r.get("p95_us")) / 1000,
        Double.parseDouble(r.get("p99_us")) / 1000,
        (cpuTicks(pid) - cpuBefore) * 1000.0 / CLOCK_TICKS_PER_SECOND / requests);
  }

  /** GET {@code path} + a random priceMax above every price: the same rows, never cached. */
  private static String cacheMissScript(String path) {
    return String.format(
            Locale.ROOT,
            """
        local path = "%s"
        %s
        function request()
          return wrk.format("GET", path .. "&priceMax=" .. math.random(100000, 999999999), headers)
        end
        """,
            path,
            RANDOM)
        + DONE;
  }

  /** The heap in use ({@code jcmd GC.heap_info}: the "used" of the whole heap), in bytes. */
  private static long heapUsedBytes(long pid) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(jdkTool("jcmd"), String.valueOf(pid), "GC.heap_info")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(60, TimeUnit.SECONDS);
    Matcher m = Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(out);
    long used = 0;
    while (m.find()) {
      used += Long.parseLong(m.group(2)) * 1024;
    }
    if (used == 0) {
      throw new IllegalStateException("No heap figures in: " + out);
    }
    return used;
  }

  // --- data ------------------------------------------------------------------------------------

  // --- wrk -------------------------------------------------------------------------------------

  /** An endpoint under load; primeCount > 0: GET each of those ids once before the warm-up. */
  private record Endpoint(
      String name, String what, String lua, long primeFirst, int primeCount, int primeStride) {}

  private record Result(
      Endpoint endpoint,
      Map<String, String> wrk,
      double l2Hits,
      double l2Misses,
      double l2Puts,
      double responseHits,
      double responseMisses,
      double responseStale,
      double cpuMillis,
      List<String> topFrames) {

    /** CPU time of the server process (user + system) per request answered, in milliseconds. */
    double cpuPerRequest() {
      return cpuMillis / Double.parseDouble(wrk.get("requests"));
    }

    double p95() {
      return Double.parseDouble(wrk.get("p95_us")) / 1000;
    }

    double rps() {
      return Double.parseDouble(wrk.get("requests"))
          / (Double.parseDouble(wrk.get("duration_us")) / 1e6);
    }

    double p50() {
      return Double.parseDouble(wrk.get("p50_us")) / 1000;
    }

    double p99() {
      return Double.parseDouble(wrk.get("p99_us")) / 1000;
    }

    long socketErrors() {
      return Long.parseLong(wrk.get("connect"))
          + Long.parseLong(wrk.get("read"))
          + Long.parseLong(wrk.get("write"))
          + Long.parseLong(wrk.get("timeout"));
    }
  }

  /**
   * Common part of the scripts with random requests: each wrk thread seeds its own generator, and
   * the request headers.
   */
  private static final String RANDOM =
      """
      local threads = 0
      function setup(thread)
        thread:set("tid", threads)
        threads = threads + 1
      end
      function init(args)
        math.randomseed(os.time() + 7919 * (tid or 0))
      end
      local headers = { ["Accept"] = "application/json" }
      """;

  /** Common part of every script: a done() that prints the numbers on one parseable line. */
  private static final String DONE =
      """
      done = function(summary, latency, requests)
        local e = summary.errors
        io.write(string.format("BENCH-RESULT requests=%d duration_us=%d p50_us=%d p90_us=%d "
          .. "p95_us=%d p99_us=%d max_us=%d status=%d connect=%d read=%d write=%d timeout=%d\\n",
          summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
          latency:percentile(95), latency:percentile(99), latency.max, e.status, e.connect,
          e.read, e.write, e.timeout))
      end
      """;

  private static String fixedScript(String path, String token) {
    return "wrk.method = \"GET\"\nwrk.path = \""
        + path
        + "\"\n"
        + "wrk.headers[\"Accept\"] = \"application/json\"\n"
        + (token == null ? "" : "wrk.headers[\"Authorization\"] = \"Bearer " + token + "\"\n")
        + DONE;
  }

  /** GET /api/v1/vehicles/{first + k * stride} for a uniformly random k in [0, count). */
  private static String randomIdScript(long first, int count, int stride, String token) {
    return String.format(
            Locale.ROOT,
            """
        local first, count, stride = %d, %d, %d
        %s
        %s
        function request()
          local id = first + math.random(0, count - 1) * stride
          return wrk.format("GET", "/api/v1/vehicles/" .. id, headers)
        end
        """,
            first,
            count,
            stride,
            RANDOM,
            token == null ? "" : "headers[\"Authorization\"] = \"Bearer " + token + "\"")
        + DONE;
  }

  private Map<String, String> runWrk(String wrk, Path script, String base, String time, Path log)
      throws IOException, InterruptedException {
    List<String> command =
        List.of(
            wrk,
            "-t",
            String.valueOf(threads),
            "-c",
            String.valueOf(connections),
            "-d",
            time,
            "--timeout",
            "10s",
            "--latency",
            "-s",
            script.toString(),
            base + "/");
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(parseSeconds(time) + 60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("wrk did not finish: " + command);
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    Matcher m = RESULT.matcher(out);
    if (p.exitValue() != 0 || !m.find()) {
      throw new IllegalStateException(
          "wrk failed (exit " + p.exitValue() + "): " + command + "\n" + out);
    }
    Map<String, String> fields = new LinkedHashMap<>();
    Matcher f = FIELD.matcher(m.group(1));
    while (f.find()) {
      fields.put(f.group(1), f.group(2));
    }
    if (Long.parseLong(fields.get("requests")) == 0 || Long.parseLong(fields.get("status")) > 0) {
      throw new IllegalStateException(
          "Non-2xx/3xx responses or no request completed: "
              + script.getFileName()
              + "\n"
              + out
              + "\nThe endpoint answers now: "
              + answerOf(base + "/" + pathOf(script)));
    }
    return fields;
  }

  /** wrk.path of a fixed script, or the first vehicle a random one reads (for a diagnosis). */
  private static String pathOf(Path script) throws IOException {
    String lua = Files.readString(script);
    Matcher fixed = Pattern.compile("wrk.path = \"/([^\"]*)\"").matcher(lua);
    if (fixed.find()) {
      return fixed.group(1);
    }
    Matcher random = Pattern.compile("local first, count, stride = (\\d+)").matcher(lua);
    return random.find() ? "api/v1/vehicles/" + random.group(1) : "api/v1/ping";
  }

  private String answerOf(String url) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() + " " + r.headers().map() + " " + r.body();
    } catch (IOException | InterruptedException e) {
      return e.toString();
    }
  }

  private static long parseSeconds(String time) {
    Matcher m = Pattern.compile("(\\d+)([smh]?)").matcher(time.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("bench duration like 20s, 2m: " + time);
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "m" -> n * 60;
      case "h" -> n * 3600;
      default -> n;
    };
  }

  private static String requireWrk() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      Path candidate = Path.of(dir, "wrk");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new IllegalStateException(
        "wrk is not installed: apt-get install -y wrk " + "(server-config/bench.sh installs it)");
  }

  /**
   * Loads every id of the hot set once (4 client threads), so the measured window sees the L2
   * filled: a random warm-up alone leaves e^(-requests/ids) of them never loaded.
   */
  private void prime(String base, Endpoint e) throws InterruptedException {
    if (e.primeCount == 0) {
      return;
    }
    Instant begin = Instant.now();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int offset = t;
        done.add(
            pool.submit(
                () -> {
                  for (int k = offset; k < e.primeCount; k += 4) {
                    requireOk(
                        base + "/api/v1/vehicles/" + (e.primeFirst + (long) k * e.primeStride));
                  }
                  return "ok";
                }));
      }
      for (Future<String> f : done) {
        f.get(10, TimeUnit.MINUTES);
      }
    } catch (ExecutionException | TimeoutException ex) {
      throw new IllegalStateException("Priming the L2 cache failed", ex);
    } finally {
      pool.shutdownNow();
    }
    System.out.println(
        "[bench] primed "
            + e.primeCount
            + " vehicles in "
            + Duration.between(begin, Instant.now()).toMillis()
            + " ms");
  }

  /**
   * Waits until the server applies the harness's generous rate limits: the bench runs with MP
   * Config's production cache (60 s), and the readiness checks made during the start read the
   * default limit (100 a minute) before the harness raised it.
   */
  private void awaitGenerousRateLimits(String base) {
    String generous = String.valueOf(ForecourtServer.GENEROUS_RATE_LIMIT);
    Poll.until(
        Duration.ofMinutes(3),
        () -> rateLimitOf(base + "/api/v1/ping"),
        generous::equals,
        "the server applies the rate limit " + generous + " a minute");
  }

  /** The RateLimit-Limit of an answer from {@code url} (the failure's text when none came). */
  private String rateLimitOf(String url) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.discarding())
          .headers()
          .firstValue("RateLimit-Limit")
          .orElse("none");
    } catch (IOException e) {
      return e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private String requireOk(String url) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  // --- the server: the bare WAR, its CPU time, JFR ---------------------------------------------

  /** USER_HZ of /proc/PID/stat's utime and stime: 100 on Linux for every architecture we run. */
  private static final int CLOCK_TICKS_PER_SECOND = 100;

  private static final Class<?>[] BARE_CLASSES = {
    dev.forecourt.bench.bare.BareApplication.class, dev.forecourt.bench.bare.BareResource.class
  };

  /**
   * Packs {@link dev.forecourt.bench.bare.BareApplication} and its resource into WARs and deploys
   * them beside the EAR on the same server: at /bare alone, at /bare-soteria with Jakarta
   * Security's bridge ({@link dev.forecourt.bench.bare.BareMechanism}), at /bare-sam with a Jakarta
   * Authentication module registered directly ({@link dev.forecourt.bench.bare.BareAuthModule}).
   */
  private void deployBareWars() throws IOException {
    deployWar("bare", BARE_CLASSES);
    deployWar("bare-soteria", BARE_CLASSES, dev.forecourt.bench.bare.BareMechanism.class);
    deployWar(
        "bare-sam",
        BARE_CLASSES,
        dev.forecourt.bench.bare.BareAuthModule.class,
        dev.forecourt.bench.bare.BareAuthModuleInstaller.class);
  }

  private void deployWar(String name, Class<?>[] common, Class<?>... more) throws IOException {
    Path war = work.resolve(name + ".war").toAbsolutePath();
    List<Class<?>> types = new ArrayList<>(List.of(common));
    types.addAll(List.of(more));
    try (java.util.zip.ZipOutputStream zip =
        new java.util.zip.ZipOutputStream(Files.newOutputStream(war))) {
      for (Class<?> type : types) {
        String entry = type.getName().replace('.', '/') + ".class";
        zip.putNextEntry(new java.util.zip.ZipEntry("WEB-INF/classes/" + entry));
        try (java.io.InputStream in = type.getClassLoader().getResourceAsStream(entry)) {
          in.transferTo(zip);
        }
        zip.closeEntry();
      }
    }
    ForecourtServer.asadmin(
        "deploy", "--force=true", "--name", name, "--contextroot", "/" + name, war.toString());
  }

  /** utime + stime of process {@code pid} in clock ticks (fields 14 and 15 of /proc/PID/stat). */
  private static long cpuTicks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
    // the command name (field 2) may hold spaces: count the fields after its closing parenthesis
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  private static void jcmd(long pid, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(jdkTool("jcmd"), String.valueOf(pid)));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(command + " failed: " + out);
    }
  }

  /** Code of these prefixes on a sample's stack: its share of the samples, inclusive. */
  private static final List<Map.Entry<String, String>> LAYERS =
      List.of(
          Map.entry("org.glassfish.grizzly.", "Grizzly (HTTP)"),
          Map.entry("org.glassfish.jersey.", "Jersey (JAX-RS)"),
          Map.entry("org.jboss.weld.", "Weld (CDI)"),
          Map.entry("com.sun.ejb.", "EJB container"),
          Map.entry("org.hibernate.", "Hibernate ORM"),
          Map.entry("org.infinispan.", "Infinispan"),
          Map.entry("io.github.bucket4j.", "Bucket4j"),
          Map.entry("org.glassfish.soteria.", "Soteria (Jakarta Security)"),
          Map.entry("fish.payara.microprofile.jwtauth.", "MP JWT"),
          Map.entry("sun.security.", "JCA (signatures)"),
          Map.entry("org.postgresql.", "PostgreSQL driver"),
          Map.entry("dev.forecourt.", "Forecourt's own code"));

  /**
   * What the execution samples of a recording show: per layer (Grizzly, Jersey, Weld, ...) the
   * share of samples with its code anywhere on the stack (inclusive), then the 5 most frequent top
   * frames (self).
   */
  private static List<String> topFrames(Path recording) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                jdkTool("jfr"),
                "print",
                "--events",
                "jdk.ExecutionSample",
                "--stack-depth",
                "200",
                recording.toString())
            .redirectErrorStream(true)
            .start();
    Map<String, Integer> self = new LinkedHashMap<>();
    Map<String, Integer> inclusive = new LinkedHashMap<>();
    int samples = 0;
    try (java.io.BufferedReader in =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      boolean inStack = false;
      boolean first = false;
      java.util.Set<String> layers = new java.util.HashSet<>();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String t = line.trim();
        if (t.startsWith("stackTrace = [")) {
          inStack = true;
          first = true;
          layers.clear();
        } else if (inStack && t.startsWith("]")) {
          inStack = false;
          samples++;
          layers.forEach(l -> inclusive.merge(l, 1, Integer::sum));
        } else if (inStack && !t.equals("...")) {
          String frame = t.replaceAll(" +line: \\d+.*", "");
          if (first) {
            self.merge(frame, 1, Integer::sum);
            first = false;
          }
          for (Map.Entry<String, String> layer : LAYERS) {
            if (frame.startsWith(layer.getKey())) {
              layers.add(layer.getValue());
            }
          }
        }
      }
    }
    p.waitFor(60, TimeUnit.SECONDS);
    int total = Math.max(1, samples);
    List<String> lines = new ArrayList<>();
    lines.add(
        samples
            + " samples; inclusive: "
            + LAYERS.stream()
                .map(Map.Entry::getValue)
                .filter(inclusive::containsKey)
                .map(
                    l ->
                        String.format(
                            Locale.ROOT, "%s %.0f %%", l, 100.0 * inclusive.get(l) / total))
                .collect(java.util.stream.Collectors.joining(", ")));
    self.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(5)
        .forEach(
            e ->
                lines.add(
                    String.format(
                        Locale.ROOT,
                        "self %5.1f %%  %s",
                        100.0 * e.getValue() / total,
                        e.getKey())));
    return lines;
  }

  /** A tool of the JDK that runs the benchmark (jcmd, jfr). */
  private static String jdkTool(String name) {
    return Path.of(System.getProperty("java.home"), "bin", name).toString();
  }

  // --- report ----------------------------------------------------------------------------------

  private static double delta(String before, String after, String series) {
    return Metrics.sum(after, series, Map.of()) - Metrics.sum(before, series, Map.of());
  }

  private String table(List<Result> results, String loadBefore, Duration took) {
    Result bare =
        results.stream()
            .filter(r -> r.endpoint.name.equals(BARE))
            .max(java.util.Comparator.comparingDouble(Result::rps))
            .orElseThrow();
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(Locale.ROOT, "%nForecourt inventory read benchmark  (%s)%n", Instant.now()));
    sb.append(
        String.format(
            Locale.ROOT,
            "Payara Server (HTTP worker threads max %s, JDBC pool max %s) + PostgreSQL, %d generated vehicles; "
                + "wrk %d threads, %d connections, warm-up %s + measured %s per endpoint, loopback, %d cores; "
                + "load average before: %s%n%n",
            serverSetting(
                "configs.config.server-config.thread-pools.thread-pool.http-thread-pool.max-thread-pool-size"),
            serverSetting("resources.jdbc-connection-pool.forecourt-pool.max-pool-size"),
            vehicles,
            threads,
            connections,
            warmup,
            duration,
            Runtime.getRuntime().availableProcessors(),
            loadBefore));
    String header =
        String.format(
            Locale.ROOT,
            "%-31s %-29s %10s %9s %9s %9s %9s %9s %9s %8s %14s%n",
            "endpoint",
            "",
            "req/s",
            "p50 ms",
            "p95 ms",
            "p99 ms",
            "rps/bare",
            "p50/bare",
            "CPU ms/req",
            "errors",
            "L2 hit ratio");
    sb.append(header).append("-".repeat(header.length() - 1)).append('\n');
    for (Result r : results) {
      double lookups = r.l2Hits + r.l2Misses;
      String l2 =
          lookups == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * r.l2Hits / lookups);
      sb.append(
          String.format(
              Locale.ROOT,
              "%-31s %-29s %10.0f %9.2f %9.2f %9.2f %9.2f %9.2f %9.3f %8d %14s%n",
              r.endpoint.name,
              r.endpoint.what,
              r.rps(),
              r.p50(),
              r.p95(),
              r.p99(),
              r.rps() / bare.rps(),
              r.p50() / bare.p50(),
              r.cpuPerRequest(),
              r.socketErrors(),
              l2));
    }
    sb.append(
        "\nWhere the server's CPU went (JFR execution samples of each measured window; a layer's"
            + " inclusive share counts the samples with its code within the recorded stack depth,"
            + " JFR's 64 frames from the top, so the bottom of deep stacks, Grizzly's, is"
            + " undercounted; the recordings are in "
            + work.toAbsolutePath()
            + "):\n");
    for (Result r : results) {
      sb.append(String.format(Locale.ROOT, "  %s (%s)%n", r.endpoint.name, r.endpoint.what));
      r.topFrames.forEach(f -> sb.append("      ").append(f).append('\n'));
    }
    sb.append(
        "\nCaches (forecourt_response_cache_* and forecourt_l2_cache_* from /metrics, measured"
            + " windows only):\n");
    for (Result r : results) {
      sb.append(
          String.format(
              Locale.ROOT,
              "  %-31s %-29s response hits %9.0f misses %8.0f stale %6.0f | L2 hits %8.0f"
                  + " misses %7.0f puts %7.0f%n",
              r.endpoint.name,
              r.endpoint.what,
              r.responseHits,
              r.responseMisses,
              r.responseStale,
              r.l2Hits,
              r.l2Misses,
              r.l2Puts));
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "%nrps/bare = throughput relative to the bare WAR on the same server in the same run (the"
                + " faster of its two windows, first and last); "
                + "p50/bare = median latency relative to it; CPU ms/req = the server process's"
                + " user + system time (/proc/PID/stat) over the requests answered;"
                + " errors = wrk socket errors (non-2xx fail the run).%n"
                + "Load average after: %s; benchmark phase took %d s. Not a test: no targets.%n",
            loadAverage(),
            took.toSeconds()));
    return sb.toString();
  }

  private static String serverSetting(String dotted) {
    try {
      for (String line : ForecourtServer.asadmin("get", dotted).split("\n")) {
        if (line.startsWith(dotted + "=")) {
          return line.substring(dotted.length() + 1).trim();
        }
      }
    } catch (RuntimeException e) {
      // reported as unknown
    }
    return "?";
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException | UncheckedIOException e) {
      return "?";
    }
  }
}
