package dev.forecourt.systemtest.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * Steady writes through one address (the load balancer) at a fixed rate, by a client that does what
 * a careful client does when a node fails under it: a lead is created with an {@code
 * Idempotency-Key} and sent again with the same key after a connection error, a 502, 503 or 504
 * (until {@link #GIVE_UP}); a vehicle update carries the {@code If-Match} of the version it
 * changes, so that a repeat after an unanswered attempt either applies once or answers 412, after
 * which the client reads the vehicle to learn whether its change landed. Every fourth write is a
 * vehicle update (each vehicle one lane: its updates in sequence), the others leads; with {@link
 * #reads} some requests are reads instead. A request is <em>acknowledged</em> when the client got
 * its success answer, <em>failed</em> when it got any other final answer or gave up. At most {@link
 * #CONNECTIONS} writes are in flight: when the server falls behind, the writes due meanwhile are
 * <em>not sent</em> (counted), so the offered rate is reported beside the achieved one instead of a
 * backlog growing without bound.
 */
public final class WriteLoad {

  /** How long a client keeps repeating one write. */
  public static final Duration GIVE_UP = Duration.ofSeconds(30);

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What happened, as the client saw it. */
  public record Outcome(
      long notSent,
      long started,
      long acknowledged,
      long failed,
      long repeats,
      List<Long> leads,
      Map<Long, String> prices,
      List<String> failures,
      Map<Integer, Long> answers) {

    public double failedShare() {
      return started == 0 ? 0 : (double) failed / started;
    }

    /** The figures of a run, for a test's report line. */
    public String summary() {
      return String.format(
          "%d requests, %d acknowledged, %d failed, %d repeated by the client, answers %s",
          started, acknowledged, failed, repeats, answers);
    }

    /**
     * No request failed and none was left unacknowledged, and every answer was a success (or 412, a
     * concurrent update's refusal; 0: repeated by the client after no answer in time): never a
     * 502/503/504 of the balancer or an error of a server.
     */
    public void assertNothingFailed() {
      assertEquals(0, failed, "failed writes");
      assertTrue(
          answers.keySet().stream().allMatch(s -> s == 0 || s == 200 || s == 201 || s == 412),
          "answers " + answers);
      assertEquals(started, acknowledged, "acknowledged writes");
    }
  }

  private final URI base;
  private final java.util.function.Supplier<String> token;
  private final String marker = "load-" + UUID.randomUUID().toString().substring(0, 8);
  private final HttpClient http;
  private static final int CONNECTIONS = 96;

  private final ExecutorService workers = Executors.newFixedThreadPool(CONNECTIONS);
  private final Semaphore inFlight = new Semaphore(CONNECTIONS);
  private final AtomicLong notSent = new AtomicLong();
  private volatile int readsOfFive;
  private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
  private final List<Lane> lanes = new ArrayList<>();
  private final AtomicLong started = new AtomicLong();
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong repeats = new AtomicLong();
  private final Queue<Long> leads = new ConcurrentLinkedQueue<>();
  private final Queue<String> failures = new ConcurrentLinkedQueue<>();
  private final Map<Integer, AtomicLong> answers = new ConcurrentHashMap<>();

  /**
   * Writes to {@code base} (its {@code /api/v1}) as the bearer of the token {@code token} gives at
   * each request (a roll-out on a slow machine outlives one access token).
   */
  public WriteLoad(URI base, java.util.function.Supplier<String> token, List<Long> vehicles) {
    this.base = base;
    this.token = token;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    for (long vehicle : vehicles) {
      lanes.add(new Lane(vehicle));
    }
  }

  /**
   * Makes {@code ofFive} of every five requests a read of one of the vehicles ({@code GET
   * /vehicles/{id}}, repeated like a write after a connection error or a 502/503/504) instead of a
   * write.
   */
  public WriteLoad reads(int ofFive) {
    this.readsOfFive = ofFive;
    return this;
  }

  /** The note every lead of this load carries (to find them in the database). */
  public String marker() {
    return marker;
  }

  /**
   * Writes {@code perSecond} for {@code duration} (calling {@code at} with the elapsed seconds once
   * a second, for the test's events), then waits for the writes in flight.
   */
  public Outcome run(int perSecond, Duration duration, IntConsumer at) {
    long begin = System.nanoTime();
    start(perSecond);
    for (int second = 1; second <= duration.toSeconds(); second++) {
      long due = begin + TimeUnit.SECONDS.toNanos(second);
      Poll.pause(Duration.ofNanos(Math.max(0, due - System.nanoTime())));
      if (second < duration.toSeconds()) {
        at.accept(second);
      }
    }
    return stop();
  }

  /** Starts writing {@code perSecond}, until {@link #stop()}. */
  public void start(int perSecond) {
    for (Lane lane : lanes) {
      lane.load();
    }
    AtomicLong tick = new AtomicLong();
    clock.scheduleAtFixedRate(
        () -> {
          long n = tick.getAndIncrement();
          Lane lane =
              lanes.isEmpty() || n % 4 != 3 ? null : lanes.get((int) (n / 4 % lanes.size()));
          boolean read = n % 5 < readsOfFive;
          if (!inFlight.tryAcquire()) {
            notSent.incrementAndGet(); // the client's connections are all waiting for answers
            return;
          }
          Runnable write =
              read
                  ? this::read
                  : lane != null && lane.busy.compareAndSet(false, true)
                      ? lane::update
                      : this::lead;
          workers.execute(
              () -> {
                try {
                  write.run();
                } finally {
                  inFlight.release();
                }
              });
        },
        0,
        1_000_000 / perSecond,
        TimeUnit.MICROSECONDS);
  }

  /** Stops writing, waits for the writes in flight (each until it is answered or given up). */
  public Outcome stop() {
    clock.shutdownNow();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(GIVE_UP.toSeconds() + 30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("writes still in flight after the load");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    Map<Long, String> prices = new LinkedHashMap<>();
    for (Lane lane : lanes) {
      prices.put(lane.id, lane.acknowledgedPrice);
    }
    Map<Integer, Long> counted = new TreeMap<>();
    answers.forEach((status, count) -> counted.put(status, count.get()));
    return new Outcome(
        notSent.get(),
        started.get(),
        acknowledged.get(),
        failed.get(),
        repeats.get(),
        List.copyOf(leads),
        prices,
        List.copyOf(failures).subList(0, Math.min(failures.size(), 10)),
        counted);
  }

  private void lead() {
    started.incrementAndGet();
    Map<String, Object> body = Leads.draft("BER", null);
    body.put("note", marker);
    HttpRequest request =
        request("/leads")
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .POST(HttpRequest.BodyPublishers.ofString(json(body)))
            .build();
    long deadline = System.nanoTime() + GIVE_UP.toNanos();
    for (int attempt = 1; ; attempt++) {
      HttpResponse<String> answer = send(request);
      if (answer != null && answer.statusCode() == 201) {
        leads.add(read(answer.body()).get("id").asLong());
        acknowledged.incrementAndGet();
        return;
      }
      if (answer != null && !repeatable(answer.statusCode())) {
        fail("POST /leads " + answer.statusCode() + " " + answer.body());
        return;
      }
      if (!pauseBeforeRepeat(attempt, deadline)) {
        fail("POST /leads: gave up after " + attempt + " attempts");
        return;
      }
    }
  }

  private void read() {
    started.incrementAndGet();
    long vehicle = lanes.get(ThreadLocalRandom.current().nextInt(lanes.size())).id;
    HttpRequest request = request("/vehicles/" + vehicle).GET().build();
    long deadline = System.nanoTime() + GIVE_UP.toNanos();
    for (int attempt = 1; ; attempt++) {
      HttpResponse<String> answer = send(request);
      if (answer != null && answer.statusCode() == 200) {
        acknowledged.incrementAndGet();
        return;
      }
      if (answer != null && !repeatable(answer.statusCode())) {
        fail("GET /vehicles/" + vehicle + " " + answer.statusCode() + " " + answer.body());
        return;
      }
      if (!pauseBeforeRepeat(attempt, deadline)) {
        fail("GET /vehicles/" + vehicle + ": gave up after " + attempt + " attempts");
        return;
      }
    }
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve("/api/v1" + path))
        .timeout(Duration.ofSeconds(20))
        .header("Authorization", "Bearer " + token.get())
        .header("Content-Type", "application/json");
  }

  /** The answer, or null when the connection failed (refused, reset, timed out). */
  private HttpResponse<String> send(HttpRequest request) {
    try {
      HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
      answers.computeIfAbsent(answer.statusCode(), s -> new AtomicLong()).incrementAndGet();
      return answer;
    } catch (IOException e) {
      answers.computeIfAbsent(0, s -> new AtomicLong()).incrementAndGet();
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean repeatable(int status) {
    return status == 502 || status == 503 || status == 504;
  }

  private boolean pauseBeforeRepeat(int attempt, long deadline) {
    if (System.nanoTime() > deadline) {
      return false;
    }
    repeats.incrementAndGet();
    Poll.pause(Duration.ofMillis(Math.min(100L * attempt, 1000)));
    return true;
  }

  private void fail(String why) {
    failed.incrementAndGet();
    failures.add(why.length() > 300 ? why.substring(0, 300) : why);
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode read(String body) {
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("not JSON: " + body, e);
    }
  }

  /** One vehicle, updated by one writer at a time. */
  private final class Lane {
    final long id;
    final AtomicBoolean busy = new AtomicBoolean();
    Map<String, Object> body;
    String etag;
    String acknowledgedPrice;
    int updates;

    Lane(long id) {
      this.id = id;
    }

    void load() {
      HttpResponse<String> answer = send(request("/vehicles/" + id).GET().build());
      if (answer == null || answer.statusCode() != 200) {
        throw new IllegalStateException("vehicle " + id + " cannot be read: " + answer);
      }
      take(answer);
    }

    private void take(HttpResponse<String> answer) {
      JsonNode vehicle = read(answer.body());
      body = Vehicles.draft(vehicle.get("vin").asText(), vehicle.get("price").asText());
      body.put("status", vehicle.get("status").asText());
      etag = answer.headers().firstValue("ETag").orElseThrow();
    }

    void update() {
      started.incrementAndGet();
      try {
        String price = new java.math.BigDecimal(10_000 + ++updates).setScale(2).toPlainString();
        body.put("price", price);
        boolean unanswered = false;
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        for (int attempt = 1; ; attempt++) {
          HttpResponse<String> answer =
              send(
                  request("/vehicles/" + id)
                      .header("If-Match", etag)
                      .PUT(HttpRequest.BodyPublishers.ofString(json(body)))
                      .build());
          if (answer != null && answer.statusCode() == 200) {
            etag = answer.headers().firstValue("ETag").orElseThrow();
            acknowledge(price);
            return;
          }
          if (answer != null && answer.statusCode() == 412 && unanswered) {
            // an attempt without an answer may have landed: the vehicle tells
            HttpResponse<String> now = send(request("/vehicles/" + id).GET().build());
            if (now != null && now.statusCode() == 200) {
              boolean landed =
                  new java.math.BigDecimal(read(now.body()).get("price").asText())
                          .compareTo(new java.math.BigDecimal(price))
                      == 0;
              etag = now.headers().firstValue("ETag").orElseThrow();
              if (landed) {
                acknowledge(price);
                return;
              }
            }
          } else if (answer != null && !repeatable(answer.statusCode())) {
            fail("PUT /vehicles/" + id + " " + answer.statusCode() + " " + answer.body());
            return;
          } else {
            unanswered = true;
          }
          if (!pauseBeforeRepeat(attempt, deadline)) {
            fail("PUT /vehicles/" + id + ": gave up after " + attempt + " attempts");
            return;
          }
        }
      } finally {
        busy.set(false);
      }
    }

    private void acknowledge(String price) {
      acknowledgedPrice = price;
      acknowledged.incrementAndGet();
    }
  }
}
