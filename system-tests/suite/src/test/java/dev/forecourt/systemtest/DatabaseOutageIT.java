package dev.forecourt.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forecourt.systemtest.support.Accounts;
import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.Leads;
import dev.forecourt.systemtest.support.Marketplaces;
import dev.forecourt.systemtest.support.Poll;
import dev.forecourt.systemtest.support.Vehicles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PostgreSQL stopped for 30 s under a steady mixed load (signed-in lead creation with an
 * Idempotency-Key, signed-in reads of vehicles in the second-level cache, searches that need the
 * database, readiness polled every 100 ms): readiness turns DOWN within 5 s and UP again within 10
 * s of the database's return, without any operator action; no answer is a 5xx other than 503 {@code
 * service-unavailable} with {@code Retry-After}; cached reads go on being answered, with an {@code
 * Age} header; no acknowledged write is lost, and every write refused with 503 succeeds exactly
 * once when the client retries it with its Idempotency-Key afterwards.
 */
@ExtendWith(ForecourtServer.class)
class DatabaseOutageIT {

  private static final Logger LOG = Logger.getLogger(DatabaseOutageIT.class.getName());
  // the phases are spans of time under load: their lengths are what the test is about, not waits
  private static final Duration LOAD_BEFORE = Duration.ofSeconds(5);
  private static final Duration OUTAGE = Duration.ofSeconds(30);
  private static final Duration LOAD_AFTER = Duration.ofSeconds(5);

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** Which phase the load is in: before the stop, during the outage, after the restart. */
  private enum Phase {
    BEFORE,
    OUTAGE,
    AFTER
  }

  private volatile Phase phase = Phase.BEFORE;

  /** Counts per "phase kind status", e.g. "OUTAGE cached-read 200". */
  private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();

  private final Set<String> violations = ConcurrentHashMap.newKeySet();

  private record Write(String key, String body, String lastName) {}

  @Test
  void aThirtySecondOutageLosesNoAcknowledgedWriteAndRecoversByItself() throws Exception {
    String token = Accounts.token("admin");
    List<Long> hot = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      hot.add(Vehicles.create("18000.00"));
    }
    for (long id : hot) { // twice: the first read may be the one that puts it into the cache
      for (int i = 0; i < 2; i++) {
        assertEquals(200, send(get("/api/v1/vehicles/" + id, token)).statusCode());
      }
    }

    ConcurrentLinkedQueue<Write> ok = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Write> refused = new ConcurrentLinkedQueue<>();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong downAt = new AtomicLong();
    AtomicLong upAt = new AtomicLong();
    AtomicLong stoppedAt = new AtomicLong();
    AtomicLong startedAt = new AtomicLong();
    AtomicLong restartingAt = new AtomicLong();

    List<Thread> load =
        List.of(
            loop(
                "writes",
                running,
                () -> {
                  Write write = newWrite();
                  HttpResponse<String> answer = send(postLead(write, token));
                  count("write", answer);
                  if (answer.statusCode() == 201) {
                    ok.add(write);
                  } else if (answer.statusCode() == 503) {
                    refused.add(write);
                  }
                  pause(100);
                }),
            loop(
                "cached-reads",
                running,
                () -> {
                  long id = hot.get(ThreadLocalRandom.current().nextInt(hot.size()));
                  long sent = System.nanoTime();
                  HttpResponse<String> answer = send(get("/api/v1/vehicles/" + id, token));
                  count("cached-read", answer);
                  // once the node reported the database down, and until it is started again
                  boolean known =
                      downAt.get() != 0 && sent > downAt.get() && restartingAt.get() == 0;
                  if (known
                      && answer.statusCode() == 200
                      && answer.headers().firstValue("Age").isEmpty()) {
                    violations.add("a cached read during the outage without an Age header");
                  }
                  pause(50);
                }),
            loop(
                "searches",
                running,
                () -> {
                  count("search", send(get("/api/v1/vehicles?make=Skoda&limit=5", token)));
                  pause(100);
                }),
            loop(
                "readiness",
                running,
                () -> {
                  int status = send(get("/health/ready", null)).statusCode();
                  long now = System.nanoTime();
                  if (phase == Phase.OUTAGE && status != 200) {
                    downAt.compareAndSet(0, now);
                  }
                  if (phase == Phase.AFTER && status == 200) {
                    upAt.compareAndSet(0, now);
                  }
                  pause(100);
                }));
    load.forEach(Thread::start);
    try {
      Poll.pause(LOAD_BEFORE);
      phase = Phase.OUTAGE;
      stoppedAt.set(System.nanoTime());
      ForecourtServer.stopDatabase();
      Poll.pause(OUTAGE);
      restartingAt.set(System.nanoTime());
      ForecourtServer.startDatabase();
      startedAt.set(System.nanoTime());
      phase = Phase.AFTER;
      Poll.until(
          Duration.ofSeconds(60),
          () -> upAt.get() != 0,
          "readiness UP after the database's return");
      Poll.pause(LOAD_AFTER);
    } finally {
      running.set(false);
      for (Thread t : load) {
        t.join(60_000);
      }
      ForecourtServer.startDatabaseIfStopped();
    }

    // the client's part: every write refused with 503 is sent again with its key
    int retried = 0;
    for (Write write : refused) {
      HttpResponse<String> answer = send(postLead(write, token));
      assertEquals(201, answer.statusCode(), "a retried write: " + answer.body());
      retried++;
    }

    long toDown = downAt.get() == 0 ? -1 : (downAt.get() - stoppedAt.get()) / 1_000_000;
    long toUp = (upAt.get() - startedAt.get()) / 1_000_000;
    Map<String, Integer> seen = new TreeMap<>();
    outcomes.forEach((k, v) -> seen.put(k, v.get()));
    int lost = 0;
    int duplicated = 0;
    List<Write> all = new ArrayList<>(ok);
    all.addAll(refused);
    for (Write write : all) {
      long rows =
          ForecourtServer.queryLong(
              "select count(*) from customer where last_name = '" + write.lastName() + "'");
      if (rows == 0) {
        lost++;
      } else if (rows > 1) {
        duplicated++;
      }
    }
    int lostFinal = lost;
    int duplicatedFinal = duplicated;
    int retriedFinal = retried;
    LOG.info(
        () ->
            String.format(
                "Database outage of %d s: readiness DOWN after %d ms, UP %d ms after the"
                    + " database's return; writes acknowledged %d, refused with 503 and retried %d, lost %d,"
                    + " duplicated %d; answers by phase: %s; violations: %s",
                OUTAGE.toSeconds(),
                toDown,
                toUp,
                ok.size(),
                retriedFinal,
                lostFinal,
                duplicatedFinal,
                seen,
                violations));

    assertTrue(
        toDown >= 0 && toDown <= 5_000, "readiness DOWN within 5 s of the stop: " + toDown + " ms");
    assertTrue(
        toUp <= 10_000, "readiness UP within 10 s of the database's return: " + toUp + " ms");
    assertEquals(Set.of(), violations);
    seen.keySet()
        .forEach(
            key ->
                assertTrue(
                    !key.matches(".* 5\\d\\d") || key.endsWith(" 503"),
                    "only 503 among the 5xx answers: " + seen));
    seen.keySet()
        .forEach(key -> assertTrue(!key.endsWith(" failed"), "no request failed or hung: " + seen));
    assertTrue(
        seen.getOrDefault("OUTAGE write 503", 0) > 0,
        "writes during the outage are refused: " + seen);
    assertTrue(
        seen.getOrDefault("OUTAGE cached-read 200", 0) > 0, "cached reads are served: " + seen);
    assertEquals(
        0, seen.getOrDefault("OUTAGE cached-read 503", 0), "no cached read is refused: " + seen);
    assertTrue(
        seen.getOrDefault("AFTER write 201", 0) > 0, "writes succeed after the return: " + seen);
    assertEquals(0, lostFinal, "acknowledged or retried writes lost");
    assertEquals(0, duplicatedFinal, "writes stored twice");
  }

  private Write newWrite() {
    String lastName = "Outage-" + UUID.randomUUID().toString().substring(0, 12);
    Map<String, Object> body = Leads.draft("BER", null);
    @SuppressWarnings("unchecked")
    Map<String, Object> customer = (Map<String, Object>) body.get("customer");
    customer.put("lastName", lastName);
    return new Write("outage-" + UUID.randomUUID(), Marketplaces.json(body), lastName);
  }

  /** Counts the answer under the current phase; checks what every 503 must carry. */
  private void count(String kind, HttpResponse<String> answer) {
    outcomes
        .computeIfAbsent(phase + " " + kind + " " + answer.statusCode(), k -> new AtomicInteger())
        .incrementAndGet();
    if (answer.statusCode() == 503) {
      if (answer.headers().firstValue("Retry-After").isEmpty()
          || !answer
              .headers()
              .firstValue("Content-Type")
              .orElse("")
              .startsWith("application/problem+json")
          || !answer.body().contains("service-unavailable")) {
        violations.add(
            kind
                + " 503 without Retry-After or problem type service-unavailable: "
                + answer.headers().map()
                + " "
                + answer.body());
      }
    }
  }

  private interface Step {
    void run() throws Exception;
  }

  private Thread loop(String name, AtomicBoolean running, Step step) {
    Thread t =
        new Thread(
            () -> {
              while (running.get()) {
                try {
                  step.run();
                } catch (IOException e) {
                  outcomes
                      .computeIfAbsent(phase + " " + name + " failed", k -> new AtomicInteger())
                      .incrementAndGet();
                  violations.add(name + ": " + e);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                } catch (Exception e) {
                  violations.add(name + ": " + e);
                }
              }
            },
            "outage-" + name);
    t.setDaemon(true);
    return t;
  }

  /**
   * POST /leads of {@code write} with its Idempotency-Key (the first attempt and its retry alike).
   */
  private static HttpRequest postLead(Write write, String token) {
    return HttpRequest.newBuilder(uri("/api/v1/leads"))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token)
        .header("Idempotency-Key", write.key())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(write.body()))
        .build();
  }

  private HttpRequest get(String path, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request.build();
  }

  private static URI uri(String path) {
    return ForecourtServer.baseUri().resolve(path);
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** The pace of a load loop (light traffic, not a load test): not a wait for the server. */
  private static void pause(long millis) throws InterruptedException {
    Thread.sleep(millis);
  }
}
