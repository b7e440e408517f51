package dev.forecourt.systemtest.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A real HTTP webhook receiver on 127.0.0.1, as a subscriber would write it: it checks each
 * delivery's Standard Webhooks signature with the secret it was given (independently of Forecourt's
 * code), the timestamp tolerance, and de-duplicates by {@code webhook-id}. What it answers is set
 * by the test: 204 by default, an error status for chosen deliveries, a delay.
 */
public final class WebhookReceiver implements AutoCloseable {

  /** One request as received. */
  public record Delivery(
      String id,
      long timestamp,
      String signature,
      String body,
      boolean signatureValid,
      boolean fresh,
      Instant receivedAt,
      String traceparent) {}

  private static final Logger LOG = Logger.getLogger(WebhookReceiver.class.getName());

  private final HttpServer server;
  private final Map<Long, Supplier<RequestSpecification>> subscriptions = new ConcurrentHashMap<>();
  private final List<Delivery> received = new CopyOnWriteArrayList<>();
  private final Set<String> processed = ConcurrentHashMap.newKeySet();
  private volatile String secret;
  private volatile Predicate<Delivery> failing = d -> false;
  private volatile Duration delay = Duration.ZERO;
  private volatile CountDownLatch hold;
  private final AtomicInteger waiting = new AtomicInteger();

  public WebhookReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/hook", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(32));
    server.start();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
  }

  /**
   * Subscribes this receiver to {@code types} through {@code api} (an admin's requests to one
   * node's /api/v1) and keeps the secret from the answer; the subscription's id. {@link #close()}
   * deletes the subscription again: on a server the test classes share, a subscription left to a
   * closed receiver would keep failing jobs (and its retries) in every later class's deliveries,
   * and a later receiver on the same port would get its deliveries.
   */
  public long subscribe(Supplier<RequestSpecification> api, List<String> types) {
    JsonPath created =
        api.get()
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "url", url().toString(), "eventTypes", types, "description", "test receiver"))
            .post("/webhooks")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    secret(created.getString("secret"));
    long id = created.getLong("id");
    subscriptions.put(id, api);
    return id;
  }

  /** The subscription's secret, as Forecourt showed it once. */
  public WebhookReceiver secret(String secret) {
    this.secret = secret;
    return this;
  }

  /** Deliveries matching {@code failing} are answered 500 (and not processed). */
  public WebhookReceiver failing(Predicate<Delivery> failing) {
    this.failing = failing;
    return this;
  }

  /** How long each answer takes. */
  public WebhookReceiver delay(Duration delay) {
    this.delay = delay;
    return this;
  }

  /** From now on every request waits, unanswered, until {@link #release()} (at most a minute). */
  public WebhookReceiver hold() {
    hold = new CountDownLatch(1);
    return this;
  }

  /** Answers the requests held by {@link #hold()}; the next ones are answered at once again. */
  public void release() {
    CountDownLatch h = hold;
    hold = null;
    if (h != null) {
      h.countDown();
    }
  }

  /** The requests not answered yet: held, or waiting out the {@link #delay}. */
  public int waiting() {
    return waiting.get();
  }

  /** Every request received, in order (duplicates and refused ones included). */
  public List<Delivery> received() {
    return new ArrayList<>(received);
  }

  /** The webhook-ids processed: each once, however often it was delivered. */
  public Set<String> processed() {
    return Set.copyOf(processed);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String id = exchange.getRequestHeaders().getFirst("webhook-id");
      String ts = exchange.getRequestHeaders().getFirst("webhook-timestamp");
      String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
      long timestamp = ts == null ? 0 : Long.parseLong(ts);
      boolean valid =
          id != null
              && signature != null
              && secret != null
              && verify(secret, id, timestamp, body, signature);
      boolean fresh = Math.abs(Instant.now().getEpochSecond() - timestamp) <= 300;
      Delivery delivery =
          new Delivery(
              id,
              timestamp,
              signature,
              new String(body, StandardCharsets.UTF_8),
              valid,
              fresh,
              Instant.now(),
              exchange.getRequestHeaders().getFirst("traceparent"));
      received.add(delivery);
      waiting.incrementAndGet();
      try {
        CountDownLatch h = hold;
        if (h != null) {
          h.await(1, TimeUnit.MINUTES);
        }
        if (!delay.isZero()) {
          Thread.sleep(delay.toMillis());
        }
      } finally {
        waiting.decrementAndGet();
      }
      int status;
      if (!valid || !fresh) {
        status = 401;
      } else if (failing.test(delivery)) {
        status = 500;
      } else {
        processed.add(id); // a repeated webhook-id is acknowledged again, not processed twice
        status = 204;
      }
      exchange.sendResponseHeaders(status, -1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Standard Webhooks verification, written the way the README shows receivers. */
  static boolean verify(String secret, String id, long timestamp, byte[] body, String header) {
    try {
      byte[] expected = Base64.getDecoder().decode(sign(secret, id, timestamp, body).substring(3));
      for (String candidate : header.split(" ")) {
        if (candidate.startsWith("v1,")
            && MessageDigest.isEqual(
                expected, Base64.getDecoder().decode(candidate.substring(3)))) {
          return true;
        }
      }
      return false;
    } catch (IllegalArgumentException | IllegalStateException e) {
      return false;
    }
  }

  /** Signs a message as a marketplace would (for the inbound tests). */
  public static String sign(String secret, String id, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(
          new SecretKeySpec(
              Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
      mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Deletes the subscriptions {@link #subscribe} made (if still there), then stops listening. */
  @Override
  public void close() {
    subscriptions.forEach(
        (id, api) -> {
          try {
            int status = api.get().delete("/webhooks/{id}", id).statusCode();
            if (status != 204 && status != 404) {
              LOG.warning(() -> "Subscription " + id + " not deleted: HTTP " + status);
            }
          } catch (RuntimeException e) {
            LOG.warning(() -> "Subscription " + id + " not deleted: " + e); // its node is down
          }
        });
    server.stop(0);
  }
}
