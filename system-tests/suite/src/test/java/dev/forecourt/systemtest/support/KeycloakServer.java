package dev.forecourt.systemtest.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension that runs a real Keycloak (the Quarkus distribution, no Docker) with the {@code
 * forecourt} realm of {@code server-config/keycloak/forecourt-realm.json}, once per JVM:
 * {@code @ExtendWith(KeycloakServer.class)} on every test class that needs tokens.
 *
 * <p>Keycloak needs a JDK &ge; 21 while the tests run on 17, so it runs as a separate process:
 * {@code bin/kc.sh start-dev --import-realm} in a working copy of the Keycloak home under {@code
 * target/keycloak-run/}, HTTP and management on free 127.0.0.1 ports, a fresh H2 database every
 * time (an existing {@code data/h2} would make Keycloak skip the realm import), a random bootstrap
 * admin password, {@code java.io.tmpdir} inside the working copy and the server log in {@code
 * target/keycloak-run/keycloak-VERSION.log}. The working copy is kept between runs so the one-off
 * Quarkus re-augmentation of the first {@code start-dev} is not paid again. It is stopped (the
 * whole process tree) when the root extension context closes or by a JVM shutdown hook, also when
 * tests fail; a Keycloak left behind by a killed test JVM is stopped on the next start.
 *
 * <p>System properties: {@code keycloak.home} (the unpacked {@code keycloak-quarkus-dist}; the ear
 * module's failsafe sets it), {@code keycloak.java.home} (else environment variable {@code
 * KEYCLOAK_JAVA_HOME}, else the newest JDK &ge; 21 under {@code /usr/lib/jvm}), {@code
 * keycloak.realm.file} (default {@code ../../server-config/keycloak/forecourt-realm.json}).
 */
public final class KeycloakServer implements BeforeAllCallback {

  public static final String REALM = "forecourt";

  /** The client whose tokens Forecourt accepts (aud = forecourt-api). */
  public static final String CLIENT_ID = "forecourt-api";

  /** A client of the same realm whose tokens carry another audience (aud = other-api). */
  public static final String OTHER_CLIENT_ID = "forecourt-other";

  /** The web console's client (authorization code flow with PKCE). */
  public static final String CONSOLE_CLIENT_ID = "forecourt-console";

  private static final int MIN_JAVA = 21;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
  private static final String ADMIN_USER = "forecourt-test-admin";
  private static final String KEY_PROVIDER_TYPE = "org.keycloak.keys.KeyProvider";

  /** Key providers that sign with RSA (the *-enc-* ones encrypt and are left alone). */
  private static final Set<String> RSA_SIGNING_PROVIDERS =
      Set.of("rsa-generated", "rsa", "java-keystore");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private static final OncePerJvm<Running> RUNNING =
      new OncePerJvm<>("KeycloakServer", Running::new, Running::start, Running::close);

  @Override
  public void beforeAll(ExtensionContext context) {
    context
        .getRoot()
        .getStore(ExtensionContext.Namespace.create(KeycloakServer.class))
        .getOrComputeIfAbsent(Running.class, key -> start(), Running.class);
  }

  // --- static API ------------------------------------------------------------------------------

  /** Starts Keycloak if it is not running yet (for harnesses that need it before the tests). */
  public static void ensureStarted() {
    start();
  }

  /** http://127.0.0.1:PORT, Keycloak's HTTP listener. */
  public static URI baseUri() {
    return URI.create("http://127.0.0.1:" + current().httpPort);
  }

  /** The {@code iss} of the realm's tokens: http://127.0.0.1:PORT/realms/forecourt. */
  public static String issuer() {
    return baseUri() + "/realms/" + REALM;
  }

  /** The realm's JWKS (what {@code mp.jwt.verify.publickey.location} points at). */
  public static URI jwksUri() {
    return URI.create(issuer() + "/protocol/openid-connect/certs");
  }

  /** An access token of client {@code forecourt-api} for the user (password grant). */
  public static String token(String username, String password) {
    return token(CLIENT_ID, username, password);
  }

  /** An access token of the given public client of realm forecourt (password grant). */
  public static String token(String clientId, String username, String password) {
    return passwordGrant(
        URI.create(issuer() + "/protocol/openid-connect/token"), clientId, username, password);
  }

  /** An access token of the bootstrap admin (master realm, client admin-cli). */
  public static String adminToken() {
    Running r = current();
    return passwordGrant(
        URI.create(baseUri() + "/realms/master/protocol/openid-connect/token"),
        "admin-cli",
        ADMIN_USER,
        r.adminPassword);
  }

  /** The kid of the key that signs new RS256 tokens of realm forecourt. */
  public static String currentSigningKid() {
    JsonNode active = admin("GET", "/keys", null).path("active").path("RS256");
    if (!active.isTextual()) {
      throw new IllegalStateException("Realm " + REALM + " has no active RS256 key");
    }
    return active.asText();
  }

  /**
   * Rotates the realm's signing key: adds a new {@code rsa-generated} RS256 key provider with a
   * priority above all existing key providers and makes the previous RS256 providers passive (they
   * stay in the JWKS, so tokens signed before still verify; new tokens get the new key).
   *
   * @return the kid of the new signing key
   */
  public static synchronized String rotateSigningKey() {
    Instant begin = Instant.now();
    String realmId = admin("GET", "", null).path("id").asText();
    JsonNode providers = admin("GET", "/components?type=" + KEY_PROVIDER_TYPE, null);
    long maxPriority = 0;
    List<JsonNode> oldSigning = new ArrayList<>();
    for (JsonNode provider : providers) {
      maxPriority = Math.max(maxPriority, configLong(provider, "priority"));
      if (RSA_SIGNING_PROVIDERS.contains(provider.path("providerId").asText())
          && "RS256".equals(configText(provider, "algorithm", "RS256"))) {
        oldSigning.add(provider);
      }
    }

    ObjectNode component =
        JSON.createObjectNode()
            .put("name", "rsa-rotated-" + System.currentTimeMillis())
            .put("providerId", "rsa-generated")
            .put("providerType", KEY_PROVIDER_TYPE)
            .put("parentId", realmId);
    ObjectNode config = component.putObject("config");
    config.putArray("priority").add(String.valueOf(maxPriority + 100));
    config.putArray("enabled").add("true");
    config.putArray("active").add("true");
    config.putArray("algorithm").add("RS256");
    config.putArray("keySize").add("2048");
    HttpResponse<String> created = adminRequest("POST", "/components", component);
    expectStatus(created, 201, "create key provider");
    String location =
        created
            .headers()
            .firstValue("Location")
            .orElseThrow(() -> new IllegalStateException("No Location for the new key provider"));
    String newProviderId = location.substring(location.lastIndexOf('/') + 1);

    for (JsonNode provider : oldSigning) {
      ObjectNode update = (ObjectNode) provider.deepCopy();
      ((ObjectNode) update.path("config")).putArray("active").add("false");
      expectStatus(
          adminRequest("PUT", "/components/" + provider.path("id").asText(), update),
          204,
          "make key provider " + provider.path("name").asText() + " passive");
    }

    String kid = null;
    for (JsonNode key : admin("GET", "/keys", null).path("keys")) {
      if (newProviderId.equals(key.path("providerId").asText())
          && "RS256".equals(key.path("algorithm").asText())) {
        kid = key.path("kid").asText();
      }
    }
    if (kid == null) {
      throw new IllegalStateException(
          "The new key provider " + newProviderId + " has no RS256 key in /keys");
    }
    String active = currentSigningKid();
    if (!kid.equals(active)) {
      throw new IllegalStateException("New key " + kid + " is not the active one (" + active + ")");
    }
    log(
        "Rotated the signing key of realm "
            + REALM
            + ": "
            + oldSigning.size()
            + " RS256 provider(s) now passive, new kid "
            + kid
            + " ("
            + Duration.between(begin, Instant.now()).toMillis()
            + " ms)");
    return kid;
  }

  /** Keycloak's console output (server log). */
  public static Path logFile() {
    return current().logFile;
  }

  private static Running current() {
    return RUNNING.current();
  }

  // ---------------------------------------------------------------------------------------------

  private static Running start() {
    return RUNNING.start();
  }

  /** The Keycloak process and its working copy; closing it stops the process tree. */
  private static final class Running implements ExtensionContext.Store.CloseableResource {
    private final Path runRoot = Path.of("target", "keycloak-run").toAbsolutePath();
    private final String adminPassword = OncePerJvm.randomPassword();
    private Path home;
    private Path javaHome;
    private Path workCopy;
    private Path logFile;
    private boolean privateCopy;
    private FileChannel lockChannel;
    private FileLock lock;
    private Process process;
    private int httpPort;
    private int managementPort;
    private boolean closed;

    void start() {
      Instant begin = Instant.now();
      home = keycloakHome();
      javaHome = javaHome();
      Path realmFile = realmFile();
      String version = home.getFileName().toString();
      try {
        Files.createDirectories(runRoot);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      cleanUpDeadPrivateCopies(version);
      chooseWorkCopy(version);
      logFile = runRoot.resolve(workCopy.getFileName() + ".log");
      stopLeftover();
      prepareWorkCopy();
      prepareData(realmFile);

      int[] ports = Harness.freePorts(2);
      httpPort = ports[0];
      managementPort = ports[1];
      List<String> command =
          List.of(
              workCopy.resolve("bin/kc.sh").toString(),
              "start-dev",
              "--http-host=127.0.0.1",
              "--http-port=" + httpPort,
              "--http-management-port=" + managementPort,
              "--import-realm");
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .directory(workCopy.toFile())
              .redirectErrorStream(true)
              .redirectOutput(logFile.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      Map<String, String> env = pb.environment();
      // a developer's shell must not change the test setup
      env.keySet()
          .removeIf(
              name ->
                  name.startsWith("KC_")
                      || name.startsWith("KEYCLOAK_")
                      || name.startsWith("QUARKUS_")
                      || name.startsWith("JAVA_OPTS")
                      || Set.of(
                              "JAVA",
                              "JAVA_ADD_OPENS",
                              "JAVA_LOCALE",
                              "DEBUG",
                              "DEBUG_PORT",
                              "DEBUG_SUSPEND",
                              "PRINT_ENV")
                          .contains(name));
      env.put("JAVA_HOME", javaHome.toString());
      env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
      env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
      // jboss-threads needs java.lang opened on Java 24+ (else IllegalAccessError at shutdown);
      // the client compiler only, like the test servers: it starts beside the shared server on 2
      // cores and then serves a few token requests (not the serial collector: kc.sh chooses one,
      // and a second fails the JVM's start)
      env.put(
          "JAVA_OPTS_APPEND",
          "-Djava.io.tmpdir="
              + workCopy.resolve("tmp")
              + " --add-opens=java.base/java.lang=ALL-UNNAMED"
              + " -XX:TieredStopAtLevel=1");
      log(
          "Starting Keycloak "
              + version
              + " on http://127.0.0.1:"
              + httpPort
              + " (management "
              + managementPort
              + ", Java "
              + javaHome
              + "), log "
              + logFile);
      Instant launched = Instant.now();
      try {
        process = pb.start();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot start " + command, e);
      }
      awaitReady();
      log(
          "Keycloak ready at "
              + baseUriOf()
              + " after "
              + Duration.between(launched, Instant.now()).toMillis()
              + " ms (setup and start "
              + Duration.between(begin, Instant.now()).toSeconds()
              + " s)");
      logFromServerLog();
      checkListeners();
    }

    private String baseUriOf() {
      return "http://127.0.0.1:" + httpPort;
    }

    // --- locating the installation -------------------------------------------------------------

    private Path keycloakHome() {
      String property = System.getProperty("keycloak.home");
      if (property == null || property.isBlank()) {
        throw new IllegalStateException(
            "Keycloak home is missing: system property keycloak.home"
                + " is not set. The failsafe of system-tests/payara and -wildfly sets it to"
                + " target/keycloak/keycloak-${keycloak.version}, unpacked from"
                + " org.keycloak:keycloak-quarkus-dist:zip in pre-integration-test: run the test with"
                + " ./mvnw -pl system-tests/payara -am verify -Dit.test=..., or pass"
                + " -Dkeycloak.home=/path/to/keycloak-26.x");
      }
      Path path = Path.of(property).toAbsolutePath().normalize();
      if (!Files.isRegularFile(path.resolve("bin/kc.sh"))
          || !Files.isRegularFile(path.resolve("lib/quarkus-run.jar"))) {
        throw new IllegalStateException(
            "Keycloak home is missing: keycloak.home="
                + path
                + " has no bin/kc.sh and lib/quarkus-run.jar. Unpack"
                + " org.keycloak:keycloak-quarkus-dist:zip there (./mvnw -pl"
                + " system-tests/payara dependency:unpack@keycloak) or point -Dkeycloak.home at an unpacked Keycloak");
      }
      return path;
    }

    private static Path javaHome() {
      String property = System.getProperty("keycloak.java.home");
      if (property != null && !property.isBlank()) {
        return requireJava(Path.of(property), "system property keycloak.java.home");
      }
      String env = System.getenv("KEYCLOAK_JAVA_HOME");
      if (env != null && !env.isBlank()) {
        return requireJava(Path.of(env), "environment variable KEYCLOAK_JAVA_HOME");
      }
      Path jvms = Path.of("/usr/lib/jvm");
      Optional<Path> newest = Optional.empty();
      if (Files.isDirectory(jvms)) {
        try (Stream<Path> dirs = Files.list(jvms)) {
          newest =
              dirs.filter(
                      dir ->
                          javaMajor(dir) >= MIN_JAVA && Files.isExecutable(dir.resolve("bin/java")))
                  .max(
                      Comparator.comparingInt(KeycloakServer::javaMajor)
                          .thenComparing(Path::toString));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      if (newest.isPresent()) {
        return newest.get();
      }
      Path self = Path.of(System.getProperty("java.home"));
      if (javaMajor(self) >= MIN_JAVA) {
        return self;
      }
      throw new IllegalStateException(
          "No JDK >= "
              + MIN_JAVA
              + " for Keycloak: set system"
              + " property keycloak.java.home (e.g. ./mvnw -pl system-tests/payara verify"
              + " -Dkeycloak.java.home=/path/to/jdk-21+) or environment variable KEYCLOAK_JAVA_HOME;"
              + " none of /usr/lib/jvm/*/release says JAVA_VERSION >= "
              + MIN_JAVA);
    }

    private static Path requireJava(Path dir, String source) {
      int major = javaMajor(dir);
      if (major < MIN_JAVA || !Files.isExecutable(dir.resolve("bin/java"))) {
        throw new IllegalStateException(
            source
                + "="
                + dir
                + " is not a JDK >= "
                + MIN_JAVA
                + " (its release file says "
                + (major < 0 ? "nothing readable" : "Java " + major)
                + "); point it at a JDK "
                + MIN_JAVA
                + " or newer");
      }
      return dir.toAbsolutePath();
    }

    private static Path realmFile() {
      Path file =
          Path.of(
                  System.getProperty(
                      "keycloak.realm.file", "../../server-config/keycloak/forecourt-realm.json"))
              .toAbsolutePath()
              .normalize();
      if (!Files.isRegularFile(file)) {
        throw new IllegalStateException(
            "Realm file "
                + file
                + " is missing: set system property"
                + " keycloak.realm.file to server-config/keycloak/forecourt-realm.json");
      }
      return file;
    }

    // --- the working copy ----------------------------------------------------------------------

    /** target/keycloak-run/VERSION, or VERSION-PID while another test JVM uses that one. */
    private void chooseWorkCopy(String version) {
      try {
        lockChannel =
            FileChannel.open(
                runRoot.resolve(version + ".lock"),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        lock = lockChannel.tryLock();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (lock != null) {
        workCopy = runRoot.resolve(version);
      } else {
        privateCopy = true;
        workCopy = runRoot.resolve(version + "-" + ProcessHandle.current().pid());
        log(runRoot.resolve(version) + " is in use by another test JVM: using " + workCopy);
      }
    }

    private void cleanUpDeadPrivateCopies(String version) {
      Pattern pattern = Pattern.compile(Pattern.quote(version) + "-(\\d+)");
      try (Stream<Path> dirs = Files.list(runRoot)) {
        for (Path dir : dirs.toList()) {
          Matcher m = pattern.matcher(dir.getFileName().toString());
          if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
            Path saved = workCopy;
            workCopy = dir;
            stopLeftover();
            workCopy = saved;
            Harness.deleteRecursively(dir);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Copies the home once; later runs reuse the copy (and its Quarkus build). */
    private void prepareWorkCopy() {
      Path complete = workCopy.resolve(".forecourt-copy-complete");
      if (Files.exists(complete)) {
        return;
      }
      Instant begin = Instant.now();
      if (Files.exists(workCopy)) {
        Harness.deleteRecursively(workCopy);
      }
      copyRecursively(home, workCopy);
      try {
        Files.writeString(complete, home.toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      log(
          "Copied "
              + home
              + " to "
              + workCopy
              + " ("
              + Duration.between(begin, Instant.now()).toMillis()
              + " ms)");
    }

    /** A fresh data/ (H2 database, import folder) and tmp/ for every start. */
    private void prepareData(Path realmFile) {
      try {
        for (String dir : List.of("data", "tmp")) {
          if (Files.exists(workCopy.resolve(dir))) {
            Harness.deleteRecursively(workCopy.resolve(dir));
          }
        }
        Files.createDirectories(workCopy.resolve("tmp"));
        Path importDir = Files.createDirectories(workCopy.resolve("data/import"));
        Files.copy(
            realmFile,
            importDir.resolve(realmFile.getFileName()),
            StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** A Keycloak left running by a killed test JVM in this working copy: stop it. */
    private void stopLeftover() {
      String marker = workCopy.toString() + "/";
      List<ProcessHandle> leftovers =
          ProcessHandle.allProcesses()
              .filter(p -> p.pid() != ProcessHandle.current().pid())
              .filter(
                  p ->
                      p.info()
                          .commandLine()
                          .map(
                              c ->
                                  c.contains(marker)
                                      && (c.contains("kc.sh") || c.contains("kc.home.dir")))
                          .orElse(false))
              .toList();
      for (ProcessHandle leftover : leftovers) {
        log("Stopping Keycloak left behind by an earlier test run (pid " + leftover.pid() + ")");
        stopTree(leftover);
      }
    }

    // --- readiness -----------------------------------------------------------------------------

    private void awaitReady() {
      URI wellKnown =
          URI.create(baseUriOf() + "/realms/" + REALM + "/.well-known/openid-configuration");
      Instant deadline = Instant.now().plus(READY_TIMEOUT);
      String last = "no answer";
      while (Instant.now().isBefore(deadline)) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "Keycloak exited with "
                  + process.exitValue()
                  + " before "
                  + wellKnown
                  + " answered. Tail of "
                  + logFile
                  + ":\n"
                  + logTail());
        }
        try {
          HttpResponse<String> response =
              HTTP.send(
                  HttpRequest.newBuilder(wellKnown).timeout(Duration.ofSeconds(5)).GET().build(),
                  HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() == 200) {
            return;
          }
          last = "status " + response.statusCode();
        } catch (IOException e) {
          last = e.toString();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
        Harness.sleep(500);
      }
      throw new IllegalStateException(
          wellKnown
              + " did not answer 200 within "
              + READY_TIMEOUT
              + " (last: "
              + last
              + "). Tail of "
              + logFile
              + ":\n"
              + logTail());
    }

    /** Repeats Keycloak's own startup and import lines (with their timestamps) in the test log. */
    private void logFromServerLog() {
      Pattern interesting =
          Pattern.compile(
              "(?i)(started in|import|re-augment|updating the configuration|profile dev)");
      try (Stream<String> lines = Files.lines(logFile)) {
        lines
            .filter(line -> interesting.matcher(line).find())
            .forEach(line -> log("  | " + line.strip()));
      } catch (IOException | UncheckedIOException e) {
        log("Cannot read " + logFile + ": " + e);
      }
    }

    /** Logs the TCP listeners of the Keycloak process; warns about any off the loopback. */
    private void checkListeners() {
      Set<String> inodes = new HashSet<>();
      List<ProcessHandle> tree = new ArrayList<>();
      tree.add(process.toHandle());
      process.descendants().forEach(tree::add);
      for (ProcessHandle p : tree) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(p.pid()), "fd"))) {
          fds.forEach(
              fd -> {
                try {
                  String target = Files.readSymbolicLink(fd).toString();
                  if (target.startsWith("socket:[")) {
                    inodes.add(target.substring(8, target.length() - 1));
                  }
                } catch (IOException e) {
                  // fd closed meanwhile
                }
              });
        } catch (IOException | UncheckedIOException e) {
          log("Cannot inspect the listeners of pid " + p.pid() + " (" + e + ")");
          return;
        }
      }
      List<String> listeners = new ArrayList<>();
      for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
        try {
          for (String line : Files.readAllLines(Path.of(table)).stream().skip(1).toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 9 && "0A".equals(f[3]) && inodes.contains(f[9])) {
              listeners.add(hexAddress(f[1]));
            }
          }
        } catch (IOException e) {
          // no IPv6 table
        }
      }
      List<String> exposed =
          listeners.stream().filter(a -> !a.startsWith("127.") && !a.startsWith("[::1]")).toList();
      log(
          "Keycloak listens on "
              + listeners
              + (exposed.isEmpty() ? " (loopback only)" : "; WARNING, not loopback: " + exposed));
    }

    private String logTail() {
      try (Stream<String> lines = Files.lines(logFile)) {
        List<String> all = lines.toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - 150), all.size()));
      } catch (IOException | UncheckedIOException e) {
        return "(no log: " + e + ")";
      }
    }

    // --- stopping ------------------------------------------------------------------------------

    @Override
    public synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      if (process != null) {
        Instant begin = Instant.now();
        stopTree(process.toHandle());
        log("Keycloak stopped (" + Duration.between(begin, Instant.now()).toMillis() + " ms)");
      }
      if (privateCopy && workCopy != null && Files.exists(workCopy)) {
        Harness.deleteRecursively(workCopy);
      }
      try {
        if (lock != null) {
          lock.release();
        }
        if (lockChannel != null) {
          lockChannel.close();
        }
      } catch (IOException e) {
        log("Cannot release the lock: " + e);
      }
    }
  }

  /** SIGTERM to kc.sh and its java (graceful), SIGKILL to whatever is left after a while. */
  private static void stopTree(ProcessHandle root) {
    List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
    tree.add(root);
    tree.forEach(ProcessHandle::destroy);
    Instant deadline = Instant.now().plus(STOP_TIMEOUT);
    while (Instant.now().isBefore(deadline) && tree.stream().anyMatch(ProcessHandle::isAlive)) {
      Harness.sleep(200);
    }
    List<ProcessHandle> alive = new ArrayList<>(root.descendants().toList());
    tree.stream().filter(ProcessHandle::isAlive).forEach(alive::add);
    if (!alive.isEmpty()) {
      log(
          "Killing "
              + alive.stream().map(p -> String.valueOf(p.pid())).collect(Collectors.joining(", ")));
      alive.forEach(ProcessHandle::destroyForcibly);
    }
  }

  // --- HTTP helpers ----------------------------------------------------------------------------

  private static String passwordGrant(
      URI tokenEndpoint, String clientId, String username, String password) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "password");
    form.put("client_id", clientId);
    form.put("username", username);
    form.put("password", password);
    String body =
        form.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(tokenEndpoint)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    expectStatus(response, 200, "password grant for " + username + " (client " + clientId + ")");
    return readJson(response.body()).path("access_token").asText();
  }

  /**
   * Registers one more redirect URI of a client (the realm file has the run command's; a test
   * server listens on a port of its own).
   */
  public static synchronized void allowRedirect(String clientId, URI redirectUri) {
    JsonNode found = admin("GET", "/clients?clientId=" + clientId, null);
    if (found.size() != 1) {
      throw new IllegalStateException("No client " + clientId + " in realm " + REALM);
    }
    String id = found.get(0).path("id").asText();
    com.fasterxml.jackson.databind.node.ObjectNode client =
        (com.fasterxml.jackson.databind.node.ObjectNode) admin("GET", "/clients/" + id, null);
    com.fasterxml.jackson.databind.node.ArrayNode uris = client.withArray("redirectUris");
    for (JsonNode uri : uris) {
      if (uri.asText().equals(redirectUri.toString())) {
        return;
      }
    }
    uris.add(redirectUri.toString());
    expectStatus(adminRequest("PUT", "/clients/" + id, client), 204, "update client " + clientId);
  }

  /** Admin REST API of realm forecourt: path relative to /admin/realms/forecourt. */
  private static JsonNode admin(String method, String path, JsonNode body) {
    HttpResponse<String> response = adminRequest(method, path, body);
    expectStatus(response, 200, method + " " + path);
    return readJson(response.body());
  }

  private static HttpResponse<String> adminRequest(String method, String path, JsonNode body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUri() + "/admin/realms/" + REALM + path))
            .header("Authorization", "Bearer " + adminToken())
            .header("Accept", "application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    }
    return send(request);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(
          request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void expectStatus(HttpResponse<String> response, int expected, String what) {
    if (response.statusCode() != expected) {
      throw new IllegalStateException(
          what
              + ": "
              + response.request().method()
              + " "
              + response.uri()
              + " answered "
              + response.statusCode()
              + " (expected "
              + expected
              + "): "
              + response.body());
    }
  }

  private static JsonNode readJson(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("Not JSON: " + body, e);
    }
  }

  private static String configText(JsonNode component, String key, String fallback) {
    JsonNode value = component.path("config").path(key);
    if (value instanceof ArrayNode array && !array.isEmpty()) {
      return array.get(0).asText();
    }
    return fallback;
  }

  private static long configLong(JsonNode component, String key) {
    try {
      return Long.parseLong(configText(component, key, "0"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  // --- other helpers ---------------------------------------------------------------------------

  /** The major version in DIR/release (JAVA_VERSION="25.0.3" → 25), -1 if unreadable. */
  private static int javaMajor(Path dir) {
    Path release = dir.resolve("release");
    if (!Files.isRegularFile(release)) {
      return -1;
    }
    try {
      for (String line : Files.readAllLines(release)) {
        Matcher m = Pattern.compile("^JAVA_VERSION=\"?(1\\.)?(\\d+)").matcher(line);
        if (m.find()) {
          return Integer.parseInt(m.group(2));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  /** "0100007F:1F90" (from /proc/net/tcp) → "127.0.0.1:8080"; IPv6 as "[hex]:port". */
  private static String hexAddress(String hex) {
    String[] parts = hex.split(":");
    int port = Integer.parseInt(parts[1], 16);
    String ip = parts[0];
    if (ip.length() == 8) {
      return Integer.parseInt(ip.substring(6, 8), 16)
          + "."
          + Integer.parseInt(ip.substring(4, 6), 16)
          + "."
          + Integer.parseInt(ip.substring(2, 4), 16)
          + "."
          + Integer.parseInt(ip.substring(0, 2), 16)
          + ":"
          + port;
    }
    if (ip.startsWith("0000000000000000FFFF0000")) { // IPv4-mapped (a Java socket on 127.0.0.1)
      return hexAddress(ip.substring(24) + ":" + parts[1]);
    }
    if ("00000000000000000000000001000000".equals(ip)) {
      return "[::1]:" + port;
    }
    if ("00000000000000000000000000000000".equals(ip)) {
      return "[::]:" + port;
    }
    return "[" + ip + "]:" + port;
  }

  private static void copyRecursively(Path from, Path to) {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path source : paths.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot copy " + from + " to " + to, e);
    }
  }

  private static void log(String message) {
    System.out.println("[KeycloakServer] " + message);
  }

  /**
   * Freezes Keycloak (SIGSTOP to its process tree): its sockets still accept connections (the
   * kernel completes the handshake) but nothing answers, as with a hanging provider.
   */
  public static void pause() {
    signal("-STOP");
  }

  /** Lets a paused Keycloak run again (SIGCONT). */
  public static void resume() {
    signal("-CONT");
  }

  private static void signal(String signal) {
    Process root = current().process;
    List<String> command = new ArrayList<>(List.of("kill", signal, String.valueOf(root.pid())));
    root.descendants().forEach(p -> command.add(String.valueOf(p.pid())));
    try {
      Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (!kill.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException(
            command + " failed: " + new String(kill.getInputStream().readAllBytes()));
      }
      log("Sent " + signal + " to " + command.subList(2, command.size()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
