package dev.forecourt.systemtest.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * JUnit 5 extension that runs the real EAR on a real Payara Server against a real PostgreSQL, once
 * per JVM: {@code @ExtendWith(ForecourtServer.class)} on every system test class.
 *
 * <p>Starts embedded PostgreSQL and a WireMock stand-in for the vehicle valuation service on free
 * 127.0.0.1 ports, creates a Payara domain with a free port base, configures it with the same
 * {@code server-config/payara} scripts as the run command, deploys the EAR and waits for {@code
 * /health/ready}. Everything is stopped when the root extension context closes (or by a JVM
 * shutdown hook), also when tests fail.
 *
 * <p>System properties: {@code forecourt.ear} (default {@code ../../ear/target/forecourt.ear}),
 * {@code forecourt.scripts} (default {@code ../../server-config/payara}), {@code payara.home}
 * (default {@code target/payara/payara6}), {@code forecourt.systemtest.env.NAME=value} (extra
 * environment variables for the server, e.g. {@code FORECOURT_DEMO_DATA}).
 */
public final class ForecourtServer implements BeforeAllCallback {

  private static final String DOMAIN = "systemtest";
  private static final String DB = "forecourt";
  private static final Duration READY_TIMEOUT =
      Duration.parse(System.getProperty("forecourt.systemtest.ready-timeout", "PT180S"));

  /**
   * How long a server script may run; {@code -Dforecourt.systemtest.command-timeout=PT10M} on a
   * loaded machine.
   */
  private static final Duration COMMAND_TIMEOUT =
      Duration.parse(System.getProperty("forecourt.systemtest.command-timeout", "PT5M"));

  private static final String ENV_PROPERTY_PREFIX = "forecourt.systemtest.env.";
  private static final Set<Integer> CLAIMED_PORT_BASES = ConcurrentHashMap.newKeySet();

  /** The webhook allow-list key, and what the test domain allows: the test receivers' address. */
  public static final String WEBHOOK_ALLOWED_HOSTS = "forecourt.webhooks.allowed-hosts";

  public static final String WEBHOOK_RECEIVERS = "127.0.0.1";

  private static final OncePerJvm<Running> RUNNING =
      new OncePerJvm<>("ForecourtServer", Running::new, Running::start, Running::close);

  @Override
  public void beforeAll(ExtensionContext context) {
    context
        .getRoot()
        .getStore(ExtensionContext.Namespace.create(ForecourtServer.class))
        .getOrComputeIfAbsent(Running.class, key -> start(), Running.class);
  }

  /** http://127.0.0.1:PORT of the server's HTTP listener. */
  public static URI baseUri() {
    return URI.create("http://127.0.0.1:" + current().httpPort);
  }

  /** Whether the shared server is WildFly ({@code -Dforecourt.systemtest.server=wildfly}). */
  public static boolean onWildFly() {
    return current().wildfly != null;
  }

  /**
   * The base of the shared server's {@code /health} endpoints: its HTTP listener on Payara, its
   * management port on WildFly.
   */
  public static URI healthUri() {
    Running r = current();
    return r.wildfly != null ? r.wildfly.healthUri() : baseUri();
  }

  /**
   * Where the shared server's metrics are read in Prometheus text: {@code /metrics} on Payara, the
   * management port's {@code /prometheus} on WildFly.
   */
  public static URI metricsUri() {
    Running r = current();
    return r.wildfly != null ? r.wildfly.metricsUri() : baseUri().resolve("/metrics");
  }

  /** A second WildFly server beside the shared one, for as long as a test class needs it. */
  public static final class WildFlyNode implements AutoCloseable {
    private final WildFlyServer server;

    private WildFlyNode(WildFlyServer server) {
      this.server = server;
    }

    public URI baseUri() {
      return server.baseUri();
    }

    public URI metricsUri() {
      return server.metricsUri();
    }

    /** The base of its {@code /health} endpoints (the management port). */
    public URI healthUri() {
      return server.healthUri();
    }

    @Override
    public void close() {
      server.stop();
    }
  }

  /**
   * Rolls {@code ear} out to the WildFly servers of {@code env}'s FORECOURT_LB_BACKENDS behind the
   * balancer of {@code env}'s FORECOURT_HOME ({@code server-config/wildfly/rolling-deploy.sh});
   * returns what the script printed.
   */
  public static String rollingDeployOnWildFly(Path ear, Map<String, String> env) {
    Running r = current();
    if (r.wildfly == null) {
      throw new IllegalStateException(
          "A WildFly roll-out needs -Dforecourt.systemtest.server=wildfly");
    }
    return r.wildfly.rollingDeploy(ear, env);
  }

  /**
   * WildFly only: a second server of the shared one's installation and profile (its own base
   * directory, another port offset, node name {@code node-2}), with the same environment: the same
   * database, and the application's caches clustered with the shared server's. Returns when it is
   * ready; closing it stops it.
   */
  public static WildFlyNode secondWildFlyNode() {
    Running r = current();
    if (r.wildfly == null) {
      throw new IllegalStateException(
          "A second WildFly node needs -Dforecourt.systemtest.server=wildfly");
    }
    WildFlyServer second = r.wildfly.another("node-2", r.serverEnv, r.ear().toAbsolutePath());
    WildFlyNode node = new WildFlyNode(second);
    try {
      second.awaitReady(READY_TIMEOUT);
    } catch (RuntimeException e) {
      node.close();
      throw e;
    }
    wildFlyTestSettings(second::configProperty);
    log("Second WildFly node ready at " + node.baseUri());
    return node;
  }

  /** The name of the test domain. */
  public static String domainName() {
    return DOMAIN;
  }

  /** The EAR under test. */
  public static Path ear() {
    return current().ear().toAbsolutePath();
  }

  public static int adminPort() {
    return current().adminPort;
  }

  /**
   * Runs a script of server-config/payara against the test domain, with the test domain's
   * configure-domain.sh environment and {@code env} (which wins); returns what it printed.
   */
  public static String runScript(String name, Map<String, String> env, String... args) {
    Map<String, String> all = new HashMap<>(current().configureEnvironment());
    all.putAll(env);
    return current().script(name, all, args);
  }

  /** The Payara installation of the test domain. */
  public static Path payaraHome() {
    return current().payaraHome;
  }

  /** The server's PostgreSQL as its superuser (server settings, {@code QueryPlans}). */
  public static DataSource superuser() {
    return current().postgres.getPostgresDatabase();
  }

  /** The application's PostgreSQL database, for assertions and test data. */
  public static DataSource dataSource() {
    return current().dataSource;
  }

  /** The single text value a SQL query against the server's database answers. */
  public static String queryString(String sql) {
    try (java.sql.Connection c = dataSource().getConnection();
        java.sql.Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** Runs a SQL statement against the server's database (test data); answers the rows changed. */
  public static int update(String sql) {
    try (java.sql.Connection c = dataSource().getConnection();
        java.sql.Statement s = c.createStatement()) {
      return s.executeUpdate(sql);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** The single number a SQL query against the server's database answers (e.g. a count). */
  public static long queryLong(String sql) {
    try (java.sql.Connection c = dataSource().getConnection();
        java.sql.Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /**
   * Sets a MicroProfile Config property in the server's domain config source (asadmin
   * set-config-property): what an operator does to change a setting without a redeployment.
   */
  public static void configProperty(String name, String value) {
    current().configProperty(name, value);
  }

  /**
   * Removes a property set by {@link #configProperty} (asadmin delete-config-property): its default
   * applies again.
   */
  public static void removeConfigProperty(String name) {
    current().removeConfigProperty(name);
  }

  /** The per-minute limit of {@link #generousRateLimits}. */
  public static final long GENEROUS_RATE_LIMIT = 1_000_000;

  /** The process id of the test domain's server. */
  public static long serverPid() {
    return current().serverPid();
  }

  /** Rate limits so generous that the tests never meet them (RateLimitIT lowers them itself). */
  public static void generousRateLimits() {
    current().generousRateLimits();
  }

  /**
   * The runtime settings every WildFly server of the tests is given once ready (the shared one and
   * a second one): the test receivers allowed as webhook targets, generous rate limits.
   */
  private static void wildFlyTestSettings(java.util.function.BiConsumer<String, String> set) {
    set.accept(WEBHOOK_ALLOWED_HOSTS, WEBHOOK_RECEIVERS);
    generousRateLimits(set);
  }

  private static void generousRateLimits(java.util.function.BiConsumer<String, String> set) {
    for (String limitClass : List.of("anonymous", "user", "login")) {
      set.accept(
          "forecourt.rate-limit." + limitClass + ".per-minute",
          String.valueOf(GENEROUS_RATE_LIMIT));
    }
  }

  /** Resets the valuation stub to a healthy service that quotes 21 000 EUR. */
  public static void healthyValuationService() {
    valuationStub().resetAll();
    valuationStub()
        .stubFor(
            com.github.tomakehurst.wiremock.client.WireMock.get(
                    com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/valuations"))
                .willReturn(
                    com.github.tomakehurst.wiremock.client.WireMock.okJson(
                        "{\"vin\":\"X\",\"amount\":21000.00,\"currency\":\"EUR\"}")));
  }

  /** The SMTP server the server's mail session sends to. */
  public static GreenMail mailServer() {
    return current().mail;
  }

  /** The trace collector the servers export their spans to. */
  public static OtlpReceiver traceCollector() {
    return current().otlp;
  }

  public static WireMockServer valuationStub() {
    return current().wireMock;
  }

  /** The shared domain's JSON log (the newest generation). */
  public static Path jsonLog() {
    return current().domainDir.resolve("logs/forecourt.json.log.0");
  }

  public static Path serverLog() {
    Running r = current();
    return r.wildfly != null ? r.wildfly.serverLog() : r.domainDir.resolve("logs/server.log");
  }

  /**
   * Kills the server's JVM (SIGKILL: no shutdown hook, no orderly stop, as in a power cut), runs
   * {@code whileDown}, starts the domain again with the same environment and waits until it is
   * ready.
   */
  public static void killAndRestart(Runnable whileDown) {
    current().killAndRestart(whileDown);
  }

  /**
   * Deploys the EAR again over the running one ({@code server-config/payara/deploy.sh}, i.e. {@code
   * asadmin deploy --force}), as an operator rolls out a new build; returns when the deploy command
   * has, without waiting for readiness.
   */
  public static void redeploy() {
    Running r = current();
    r.script("deploy.sh", r.ear().toAbsolutePath().toString());
  }

  /**
   * What an operator does before patching a node: {@code server-config/payara/drain.sh} (readiness
   * DOWN, a grace period of {@code graceSeconds} for the load balancer, then until no request is in
   * flight); returns how long it took.
   */
  public static Duration drain(int graceSeconds) {
    Running r = current();
    Instant begin = Instant.now();
    r.script(
        "drain.sh",
        Map.of("FORECOURT_DRAIN_GRACE_SECONDS", String.valueOf(graceSeconds)),
        r.domainDir.toString(),
        baseUri().toString());
    return Duration.between(begin, Instant.now());
  }

  /** {@code asadmin stop-domain} (an orderly stop, as for patching); returns how long it took. */
  public static Duration stopDomainInOrder() {
    Running r = current();
    Instant begin = Instant.now();
    r.domainCommand("stop-domain", Map.of());
    return Duration.between(begin, Instant.now());
  }

  /** {@code asadmin start-domain} with the test environment; waits until ready. */
  public static void startDomain() {
    Running r = current();
    r.domainCommand("start-domain", r.serverEnv);
    r.awaitReady();
  }

  /** Waits until {@code /health/ready} answers 200 (at most the harness's ready timeout). */
  public static void awaitReady() {
    current().awaitReady();
  }

  /** Runs asadmin against the test domain; returns its output, throws if it fails. */
  public static String asadmin(String... args) {
    return current().asadmin(args);
  }

  /**
   * The FORECOURT_DB_* settings (as configure-domain.sh, backup.sh and restore.sh read them) of the
   * database {@code name} in the server's PostgreSQL, as its application user.
   */
  public static Map<String, String> databaseSettings(String name) {
    return current().databaseSettings(name);
  }

  /**
   * Creates an empty database {@code name}, owned by the application's user, in the server's
   * PostgreSQL.
   */
  public static void createDatabase(String name) {
    current().createDatabase(name);
  }

  /**
   * What an operator does to move the application to another database: points the JDBC pool
   * forecourt-pool at {@code name} ({@code asadmin set ...property.databaseName}), stops and starts
   * the domain and waits until it is ready. {@link #dataSource()} follows to the same database.
   */
  public static void switchDatabase(String name) {
    current().switchDatabase(name);
  }

  /**
   * Stops the server's PostgreSQL ({@code pg_ctl stop -m fast}: every session is ended, new
   * connections are refused, as in a database crash or a failover) until {@link #startDatabase()}.
   */
  public static void stopDatabase() {
    current().stopDatabase();
  }

  /** Starts the PostgreSQL that {@link #stopDatabase()} stopped, on the same port and data. */
  public static void startDatabase() {
    current().startDatabase();
  }

  /** {@link #startDatabase()} unless PostgreSQL answers (for a test's clean-up after a failure). */
  public static void startDatabaseIfStopped() {
    try (Connection c = current().dataSource.getConnection()) {
      c.isValid(2);
    } catch (SQLException e) {
      current().startDatabase();
    }
  }

  /** The PostgreSQL JDBC driver jar already on the test class path (no second download). */
  private static String postgresDriverJar() {
    try {
      return Path.of(
              org.postgresql.Driver.class
                  .getProtectionDomain()
                  .getCodeSource()
                  .getLocation()
                  .toURI())
          .toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Running current() {
    return RUNNING.current();
  }

  // ---------------------------------------------------------------------------------------------

  private static Running start() {
    return RUNNING.start();
  }

  /**
   * For a class that runs beside the others (RunCommandIT): if the shared server's start begins
   * within {@code grace} (the first class of the sequence starts it at once), waits until it has
   * ended, so that the two installations do not start at the same time on a small machine.
   */
  public static void awaitSharedServerStart(Duration grace) throws InterruptedException {
    Instant deadline = Instant.now().plus(grace);
    while (!RUNNING.begun() && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
    }
    RUNNING.awaitNoStartUnderWay();
  }

  /** Everything started for the test run; closing it stops all of it, in reverse order. */
  private static final class Running implements ExtensionContext.Store.CloseableResource {
    private final Path target = Path.of("target").toAbsolutePath();
    private final Path scripts =
        Path.of(System.getProperty("forecourt.scripts", "../../server-config/payara"))
            .toAbsolutePath()
            .normalize();
    private final Path payaraHome =
        Path.of(System.getProperty("payara.home", target.resolve("payara/payara6").toString()))
            .toAbsolutePath();
    private final Path asadmin = payaraHome.resolve("bin/asadmin");

    /** WildFly instead of Payara ({@code -Dforecourt.systemtest.server=wildfly}), else null. */
    private final WildFlyServer wildfly =
        "wildfly".equals(System.getProperty("forecourt.systemtest.server", "payara"))
            ? new WildFlyServer(
                target,
                Path.of(
                        System.getProperty(
                            "forecourt.wildfly.scripts", "../../server-config/wildfly"))
                    .toAbsolutePath()
                    .normalize(),
                "node-1")
            : null;

    private final Path domainDir = target.resolve("payara-domains").resolve(DOMAIN);
    private EmbeddedPostgres postgres;
    private WireMockServer wireMock;
    private GreenMail mail;
    private OtlpReceiver otlp;
    private DataSource dataSource;
    private int adminPort;
    private int httpPort;
    private Map<String, String> serverEnv;
    private boolean closed;

    /** The postmaster's command line, read before its first stop; the process started again. */
    private List<String> postmaster;

    private Process restartedPostgres;

    void start() {
      Instant begin = Instant.now();
      // Keycloak (the enterprise SSO provider the server trusts) starts meanwhile, in its own JVM
      boolean sso =
          Boolean.parseBoolean(System.getProperty("forecourt.systemtest.keycloak", "true"));
      CompletableFuture<Void> keycloak =
          sso
              ? CompletableFuture.runAsync(KeycloakServer::ensureStarted)
              : CompletableFuture.completedFuture(null);
      startPostgres();
      wireMock = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
      wireMock.start();
      // a real SMTP server for the mail session mail/forecourt (password reset mails)
      mail =
          new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
      mail.start();
      // a trace collector (OTLP/HTTP) the server exports its spans to
      otlp = new OtlpReceiver();
      if (wildfly != null) {
        startWildFly(keycloak, sso, begin);
        return;
      }
      script("provision.sh");
      stopLeftoverDomain();
      int portBase = freePortBase();
      adminPort = portBase + 48;
      httpPort = portBase + 80;
      script(
          "create-domain.sh", DOMAIN, String.valueOf(portBase), domainDir.getParent().toString());

      serverEnv = new HashMap<>(passThroughEnv());
      serverEnv.put("FORECOURT_VALUATION_URL", "http://127.0.0.1:" + wireMock.port());
      keycloak.join();
      if (sso) {
        serverEnv.putAll(ssoEnvironment());
      }
      log("Starting domain " + domainDir + " (http " + httpPort + ", admin " + adminPort + ")");
      domainCommand("start-domain", serverEnv);

      script("configure-domain.sh", configureEnvironment());
      // the test receivers (WebhookReceiver, SilentServer) listen on loopback, which webhooks are
      // not sent to unless allow-listed (in the domain's config source, so a test can change it)
      configProperty(WEBHOOK_ALLOWED_HOSTS, WEBHOOK_RECEIVERS);
      // the SMTP breaker half-opens after 15 s instead of 60 (OutboundFaultToleranceIT waits for
      // it), by the MP Fault Tolerance key an operator would use
      configProperty(
          "dev.forecourt.identity.infrastructure.MailTransport/send/CircuitBreaker/delay", "15000");
      // spans leave within 0.2 s of their end, not 5 s (the SDK's batch delay)
      configProperty("otel.bsp.schedule.delay", "200");
      script("deploy.sh", ear().toAbsolutePath().toString());
      awaitReady();
      // the rate limits out of the other tests' way (no API request was made yet, so even with a
      // config cache no old value is cached)
      generousRateLimits();
      log(
          "Forecourt ready at http://127.0.0.1:"
              + httpPort
              + " after "
              + Duration.between(begin, Instant.now()).toSeconds()
              + " s");
    }

    /**
     * The EAR on WildFly with the same environment, PostgreSQL, stubs and settings as the Payara
     * domain (what differs: no traces exported, no MP Fault Tolerance key with slashes as a runtime
     * setting).
     */
    private void startWildFly(CompletableFuture<Void> keycloak, boolean sso, Instant begin) {
      serverEnv = new HashMap<>(passThroughEnv());
      // what configure-domain.sh writes into a Payara domain, the WildFly profile reads from the
      // environment when the server starts (the data source, the SMTP server)
      Map<String, String> base = baseEnvironment((PGSimpleDataSource) dataSource);
      base.keySet().stream()
          .filter(k -> k.startsWith("FORECOURT_DB_") || k.startsWith("FORECOURT_SMTP_"))
          .forEach(k -> serverEnv.put(k, base.get(k)));
      serverEnv.put("FORECOURT_MAIL_FROM", base.get("FORECOURT_MAIL_FROM"));
      serverEnv.put("FORECOURT_VALUATION_URL", "http://127.0.0.1:" + wireMock.port());
      // the application's caches clustered (JGroups TCP, discovery through the database): a
      // second server (secondWildFlyNode) joins them
      serverEnv.put("FORECOURT_CLUSTER_ENABLED", "true");
      serverEnv.put(
          "FORECOURT_CLUSTER_NAME",
          "systemtest-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
      keycloak.join();
      if (sso) {
        serverEnv.putAll(ssoEnvironment());
      }
      wildfly.start(serverEnv, ear().toAbsolutePath());
      httpPort = wildfly.httpPort();
      adminPort = wildfly.managementPort();
      log("WildFly started (http " + httpPort + ", management " + adminPort + ")");
      wildfly.awaitReady(READY_TIMEOUT);
      wildFlyTestSettings(this::configProperty);
      log(
          "Forecourt ready on WildFly at http://127.0.0.1:"
              + httpPort
              + " after "
              + Duration.between(begin, Instant.now()).toSeconds()
              + " s");
    }

    private static Map<String, String> ssoEnvironment() {
      return Map.of(
          // the console's sign-on client (its redirect URI is registered by the test that uses it)
          "FORECOURT_SSO_CLIENT_ID",
          KeycloakServer.CONSOLE_CLIENT_ID,
          "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
          KeycloakServer.jwksUri().toString(),
          "MP_JWT_VERIFY_ISSUER",
          KeycloakServer.issuer(),
          "MP_JWT_VERIFY_AUDIENCES",
          KeycloakServer.CLIENT_ID,
          // an unknown kid may re-read the JWKS every second (production default: 10 s)
          "FORECOURT_SECURITY_JWKS_REFRESH_MIN_INTERVAL",
          "PT1S");
    }

    /**
     * The environment of configure-domain.sh for the test domain (also for the cluster's
     * configuration: the same settings, so the shared resources are not changed back and forth).
     */
    Map<String, String> configureEnvironment() {
      PGSimpleDataSource pg = (PGSimpleDataSource) dataSource;
      Map<String, String> env = new HashMap<>(baseEnvironment(pg));
      // traces on, exported to the test's collector; only those a caller began and sampled are
      // kept (the other tests' requests send no traceparent). Off for the bench
      // (-Dforecourt.systemtest.tracing=false), as in production by default.
      if (Boolean.parseBoolean(System.getProperty("forecourt.systemtest.tracing", "true"))) {
        env.put("FORECOURT_OTLP_ENDPOINT", otlp.endpoint().toString());
        env.put("FORECOURT_TRACE_SAMPLE_RATIO", "0");
      }
      return env;
    }

    private Map<String, String> baseEnvironment(PGSimpleDataSource pg) {
      return Map.ofEntries(
          Map.entry("FORECOURT_DB_KIND", "postgresql"),
          Map.entry("FORECOURT_DB_HOST", "127.0.0.1"),
          Map.entry("FORECOURT_DB_PORT", String.valueOf(postgres.getPort())),
          Map.entry("FORECOURT_DB_NAME", DB),
          Map.entry("FORECOURT_DB_USER", pg.getUser()),
          Map.entry("FORECOURT_DB_PASSWORD", pg.getPassword()),
          Map.entry("FORECOURT_PG_DRIVER_JAR", postgresDriverJar()),
          // tests change config at runtime and want it at once (0 s); the bench measures with
          // Payara's production default (60 s)
          Map.entry(
              "FORECOURT_MP_CONFIG_CACHE_SECONDS",
              System.getProperty("forecourt.systemtest.configCacheSeconds", "0")),
          Map.entry("FORECOURT_LISTEN_ADDRESS", "127.0.0.1"),
          Map.entry("FORECOURT_SMTP_HOST", "127.0.0.1"),
          Map.entry("FORECOURT_SMTP_PORT", String.valueOf(mail.getSmtp().getPort())),
          Map.entry("FORECOURT_MAIL_FROM", "forecourt@dealer.example"),
          Map.entry(
              "FORECOURT_SERVER_JVM_OPTIONS",
              System.getProperty("forecourt.systemtest.serverJvmOptions", "")));
    }

    void killAndRestart(Runnable whileDown) {
      try {
        ProcessHandle server =
            ProcessHandle.of(serverPid())
                .orElseThrow(() -> new IllegalStateException("Payara is not running"));
        log("Killing Payara pid " + server.pid() + " (SIGKILL)");
        server.destroyForcibly();
        server.onExit().get(60, TimeUnit.SECONDS);
        whileDown.run();
      } catch (UncheckedIOException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("Cannot kill Payara", e);
      }
      Instant begin = Instant.now();
      domainCommand("start-domain", serverEnv);
      awaitReady();
      log(
          "Forecourt ready again after "
              + Duration.between(begin, Instant.now()).toSeconds()
              + " s");
    }

    /** A local asadmin command on the test domain (start-domain, stop-domain, restart-domain). */
    String domainCommand(String verb, Map<String, String> env) {
      return run(
          List.of(
              asadmin.toString(), verb, "--domaindir", domainDir.getParent().toString(), DOMAIN),
          env);
    }

    Path ear() {
      return Path.of(System.getProperty("forecourt.ear", "../../ear/target/forecourt.ear"));
    }

    String asadmin(String... args) {
      List<String> command =
          new ArrayList<>(
              List.of(
                  asadmin.toString(),
                  "--interactive=false",
                  "--host",
                  "127.0.0.1",
                  "--port",
                  String.valueOf(adminPort)));
      command.addAll(List.of(args));
      return run(command, Map.of());
    }

    void configProperty(String name, String value) {
      if (wildfly != null) {
        wildfly.configProperty(name, value);
        return;
      }
      asadmin(
          "set-config-property",
          "--source=domain",
          "--propertyName=" + name,
          "--propertyValue=" + value);
    }

    void removeConfigProperty(String name) {
      if (wildfly != null) {
        wildfly.removeConfigProperty(name);
        return;
      }
      asadmin("delete-config-property", "--source=domain", "--propertyName=" + name);
    }

    void generousRateLimits() {
      ForecourtServer.generousRateLimits(this::configProperty);
    }

    /** The server's process id (its config/pid). */
    long serverPid() {
      try {
        return Long.parseLong(Files.readString(domainDir.resolve("config/pid")).trim());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private void startPostgres() {
      try {
        Path work = Files.createDirectories(target.resolve("embedded-pg"));
        postgres =
            EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(work.toFile())
                // plans of the application's own statements on demand (QueryPlans): auto_explain
                // loaded but off until a test turns it on, its plans as JSON in a JSON log
                .setServerConfig("shared_preload_libraries", "auto_explain")
                .setServerConfig("auto_explain.log_format", "json")
                .setServerConfig("logging_collector", "on")
                .setServerConfig("log_destination", "jsonlog")
                .setServerConfig("log_filename", "postgresql.log")
                .start();
        String password = OncePerJvm.randomPassword();
        try (Connection c = postgres.getPostgresDatabase().getConnection();
            Statement s = c.createStatement()) {
          s.execute("CREATE USER " + DB + " PASSWORD '" + password + "'");
          s.execute("CREATE DATABASE " + DB + " OWNER " + DB);
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {postgres.getPort()});
        ds.setDatabaseName(DB);
        ds.setUser(DB);
        ds.setPassword(password);
        dataSource = ds;
        log("PostgreSQL on 127.0.0.1:" + postgres.getPort());
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
      } catch (SQLException e) {
        throw new IllegalStateException("Cannot create the forecourt database", e);
      }
    }

    /**
     * A fast shutdown (SIGINT to the postmaster, what {@code pg_ctl stop -m fast} sends; pg_ctl
     * itself refuses to run as root, the embedded binaries do not).
     */
    void stopDatabase() {
      if (postmaster == null) {
        postmaster = postmasterArguments();
      }
      try {
        long pid =
            Long.parseLong(
                Files.readAllLines(
                        Path.of(postmaster.get(postmaster.indexOf("-D") + 1), "postmaster.pid"))
                    .get(0)
                    .trim());
        ProcessHandle server =
            ProcessHandle.of(pid)
                .orElseThrow(() -> new IllegalStateException("PostgreSQL is not running"));
        run(List.of("kill", "-INT", String.valueOf(pid)), Map.of());
        server.onExit().get(60, TimeUnit.SECONDS);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (Exception e) {
        throw new IllegalStateException("Cannot stop PostgreSQL", e);
      }
      log("PostgreSQL stopped");
    }

    void startDatabase() {
      try {
        restartedPostgres =
            new ProcessBuilder(postmaster)
                .redirectErrorStream(true)
                .redirectOutput(
                    ProcessBuilder.Redirect.appendTo(
                        target.resolve("embedded-pg/restarted.log").toFile()))
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot start PostgreSQL", e);
      }
      Instant deadline = Instant.now().plusSeconds(60);
      while (true) {
        try (Connection c = dataSource.getConnection()) {
          break;
        } catch (SQLException e) {
          if (Instant.now().isAfter(deadline) || !restartedPostgres.isAlive()) {
            throw new IllegalStateException("PostgreSQL did not start again", e);
          }
          Harness.sleep(100);
        }
      }
      log("PostgreSQL started again on 127.0.0.1:" + postgres.getPort());
    }

    /**
     * The command line of the embedded PostgreSQL's postmaster, from its own binaries, with the
     * data directory and the settings (port included) it was started with: a restart is the same
     * server.
     */
    private List<String> postmasterArguments() {
      List<String> command = new ArrayList<>();
      if (new com.sun.security.auth.module.UnixSystem().getUid() == 0) {
        // PostgreSQL refuses root; the embedded library starts it in a user namespace, so do we
        command.addAll(List.of("unshare", "-Uu"));
      }
      try (Stream<Path> dirs = Files.list(target.resolve("embedded-pg"))) {
        command.add(
            dirs.map(d -> d.resolve("bin/postgres"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "No postgres under " + target.resolve("embedded-pg")))
                .toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      try (Connection c = postgres.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        try (java.sql.ResultSet rs = s.executeQuery("SHOW data_directory")) {
          rs.next();
          command.addAll(List.of("-D", rs.getString(1)));
        }
        try (java.sql.ResultSet rs =
            s.executeQuery("SELECT name, setting FROM pg_settings WHERE source = 'command line'")) {
          while (rs.next()) {
            command.addAll(List.of("-c", rs.getString(1) + "=" + rs.getString(2)));
          }
        }
        return command;
      } catch (SQLException e) {
        throw new IllegalStateException("Cannot read PostgreSQL's start options", e);
      }
    }

    /** A domain left by a killed test JVM: stop it and start from a fresh domain directory. */
    private void stopLeftoverDomain() {
      if (Files.exists(domainDir)) {
        stopDomain();
        Harness.deleteRecursively(domainDir);
      }
    }

    private void awaitReady() {
      if (wildfly != null) {
        wildfly.awaitReady(READY_TIMEOUT);
        return;
      }
      URI ready = URI.create("http://127.0.0.1:" + httpPort + "/health/ready");
      Instant deadline = Instant.now().plus(READY_TIMEOUT);
      int status = -1;
      while (Instant.now().isBefore(deadline)) {
        status = httpStatus(ready);
        if (status == 200) {
          return;
        }
        Harness.sleep(1000);
      }
      throw new IllegalStateException(
          ready
              + " did not answer 200 within "
              + READY_TIMEOUT
              + " (last status "
              + status
              + "). Tail of server.log:\n"
              + logTail());
    }

    private String logTail() {
      try (Stream<String> lines = Files.lines(domainDir.resolve("logs/server.log"))) {
        List<String> all = lines.toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - 150), all.size()));
      } catch (IOException | UncheckedIOException e) {
        return "(no server.log: " + e + ")";
      }
    }

    private void script(String name, String... args) {
      script(name, Map.of(), args);
    }

    private String script(String name, Map<String, String> env, String... args) {
      List<String> command = new ArrayList<>(List.of(scripts.resolve(name).toString()));
      command.addAll(List.of(args));
      Map<String, String> all = new HashMap<>(env);
      all.put("PAYARA_HOME", payaraHome.toString());
      all.put("FORECOURT_ADMIN_PORT", String.valueOf(adminPort));
      return run(command, all);
    }

    private void stopDomain() {
      Path pidFile = domainDir.resolve("config/pid");
      Long pid = null;
      try {
        pid = Files.exists(pidFile) ? Long.valueOf(Files.readString(pidFile).trim()) : null;
      } catch (IOException | NumberFormatException e) {
        log("Unreadable " + pidFile + ": " + e);
      }
      ProcessHandle server = pid == null ? null : ProcessHandle.of(pid).orElse(null);
      if (Files.exists(asadmin)) {
        try {
          domainCommand("stop-domain", Map.of());
        } catch (RuntimeException e) {
          log("stop-domain failed: " + e.getMessage());
        }
      }
      if (server != null && server.isAlive()) {
        log("Killing Payara pid " + server.pid());
        server.destroyForcibly();
      }
    }

    Map<String, String> databaseSettings(String name) {
      PGSimpleDataSource pg = (PGSimpleDataSource) dataSource;
      return Map.of(
          "FORECOURT_DB_KIND",
          "postgresql",
          "FORECOURT_DB_HOST",
          "127.0.0.1",
          "FORECOURT_DB_PORT",
          String.valueOf(postgres.getPort()),
          "FORECOURT_DB_NAME",
          name,
          "FORECOURT_DB_USER",
          pg.getUser(),
          "FORECOURT_DB_PASSWORD",
          pg.getPassword());
    }

    void createDatabase(String name) {
      if (!name.matches("[a-z_][a-z0-9_]*")) {
        throw new IllegalArgumentException("Not a plain database name: " + name);
      }
      try (Connection c = postgres.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + name + " OWNER " + DB);
      } catch (SQLException e) {
        throw new IllegalStateException("Cannot create the database " + name, e);
      }
      log("Database " + name + " created");
    }

    void switchDatabase(String name) {
      Instant begin = Instant.now();
      asadmin("set", "resources.jdbc-connection-pool.forecourt-pool.property.databaseName=" + name);
      domainCommand("stop-domain", Map.of());
      domainCommand("start-domain", serverEnv);
      awaitReady();
      ((PGSimpleDataSource) dataSource).setDatabaseName(name);
      log(
          "Forecourt ready on database "
              + name
              + " after "
              + Duration.between(begin, Instant.now()).toSeconds()
              + " s");
    }

    @Override
    public synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      if (wildfly != null) {
        wildfly.stop();
      } else if (Files.exists(domainDir)) {
        stopDomain();
      }
      if (wireMock != null) {
        wireMock.stop();
      }
      if (mail != null) {
        mail.stop();
      }
      if (otlp != null) {
        otlp.close();
      }
      if (restartedPostgres != null && restartedPostgres.isAlive()) {
        try {
          run(List.of("kill", "-INT", String.valueOf(restartedPostgres.pid())), Map.of());
          restartedPostgres.onExit().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
          log("Cannot stop the restarted PostgreSQL: " + e);
          restartedPostgres.destroyForcibly();
        }
      }
      if (postgres != null) {
        try {
          postgres.close();
        } catch (IOException e) {
          log("Cannot stop PostgreSQL: " + e);
        }
      }
    }
  }

  // --- helpers ---------------------------------------------------------------------------------

  /** FORECOURT_* variables for the server: only those given as forecourt.systemtest.env.*. */
  private static Map<String, String> passThroughEnv() {
    Map<String, String> env = new HashMap<>();
    System.getProperties().stringPropertyNames().stream()
        .filter(name -> name.startsWith(ENV_PROPERTY_PREFIX))
        .forEach(
            name ->
                env.put(name.substring(ENV_PROPERTY_PREFIX.length()), System.getProperty(name)));
    return env;
  }

  /**
   * Runs a command with the given extra environment (inherited FORECOURT_* variables removed, so a
   * developer's shell cannot change the test setup); returns stdout+stderr, throws if it fails.
   */
  static String run(List<String> command, Map<String, String> env) {
    Instant begin = Instant.now();
    try {
      Path output = Files.createTempFile("forecourt-cmd", ".log");
      ProcessBuilder pb =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
      pb.environment().keySet().removeIf(name -> name.startsWith("FORECOURT_"));
      pb.environment().putAll(env);
      Process p = pb.start();
      boolean done = p.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (!done) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
      String out = Files.readString(output, StandardCharsets.UTF_8);
      Files.delete(output);
      String shown =
          command.get(0).replaceAll(".*/", "")
              + " "
              + String.join(" ", command.subList(1, command.size()));
      if (!done || p.exitValue() != 0) {
        throw new IllegalStateException(
            shown
                + (done
                    ? " failed (exit " + p.exitValue() + ")"
                    : " timed out after " + COMMAND_TIMEOUT)
                + ":\n"
                + out);
      }
      log(shown + " (" + Duration.between(begin, Instant.now()).toMillis() + " ms)");
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A port base P such that P..P+99 are free; below the Linux ephemeral range (32768+). */
  public static int freePortBase() {
    for (int attempt = 0; attempt < 50; attempt++) {
      int base = ThreadLocalRandom.current().nextInt(110, 320) * 100;
      // a base handed out before is not free even while its server is not listening yet
      // (RunCommandIT picks one concurrently with the shared server and the cluster)
      if (rangeFree(base) && CLAIMED_PORT_BASES.add(base)) {
        return base;
      }
    }
    throw new IllegalStateException("No free range of 100 ports found for the Payara domain");
  }

  private static boolean rangeFree(int base) {
    for (int port = base; port < base + 100; port++) {
      // Some Payara listeners (JMS, Hazelcast) bind to all interfaces: check the wildcard address.
      try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName("0.0.0.0"))) {
        s.setReuseAddress(true);
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }

  /** The status {@code uri} answers a GET with, or -1 when it does not answer. */
  public static int httpStatus(URI uri) {
    try {
      HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
      c.setConnectTimeout(2000);
      c.setReadTimeout(5000);
      try {
        return c.getResponseCode();
      } finally {
        c.disconnect();
      }
    } catch (IOException e) {
      return -1;
    }
  }

  static void log(String message) {
    System.out.println("[ForecourtServer] " + message);
  }

  /**
   * Starts a new SMTP server on the port the server's mail session uses (after a test stopped
   * {@link #mailServer()} to put something else there); {@link #mailServer()} answers the new one.
   */
  public static synchronized GreenMail restartMailServer(int port) {
    Running r = current();
    r.mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    r.mail.start();
    return r.mail;
  }
}
