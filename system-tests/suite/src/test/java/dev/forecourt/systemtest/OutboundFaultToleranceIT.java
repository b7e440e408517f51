package dev.forecourt.systemtest;

import static dev.forecourt.systemtest.support.Accounts.anonymous;
import static dev.forecourt.systemtest.support.Accounts.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forecourt.systemtest.support.Accounts;
import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.Leads;
import dev.forecourt.systemtest.support.Metrics;
import dev.forecourt.systemtest.support.SilentServer;
import dev.forecourt.systemtest.support.WebhookReceiver;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * MicroProfile Fault Tolerance on the outbound calls besides the valuation (which {@link
 * ValuationFaultToleranceIT} covers), proven on the deployed EAR: the SMTP send of the password
 * reset mail against an SMTP server that accepts connections and never answers, and the webhook
 * call against receivers that hang or fail. Each asserts by call counts at the stand-in and by the
 * {@code ft_*} metrics that the time-out, the bulkhead and the circuit breaker fired, and that what
 * callers see does not change (the reset answer) or nothing is lost (every webhook attempt refused
 * by FT is a failed job attempt: retried, then dead-lettered).
 *
 * <p>System-test overrides (ear/pom.xml): the mail breaker's delay 5 s, the webhook call's time-out
 * 2 s, a subscriber's breaker delay 5 s.
 */
@ExtendWith(ForecourtServer.class)
class OutboundFaultToleranceIT {

  private static final String MAIL = "dev.forecourt.identity.infrastructure.MailTransport.send";
  private static final String CALL = "dev.forecourt.integration.infrastructure.WebhookCall.post";
  private static final String BULKHEAD_FULL =
      "not called: too many deliveries in progress (bulkhead full)";
  private static final String BREAKER_OPEN =
      "not called: the subscriber's circuit breaker is open after repeated failures";
  private static final List<WebhookReceiver> RECEIVERS = new ArrayList<>();

  @BeforeAll
  static void quickJobRetries() {
    ForecourtServer.configProperty("forecourt.webhooks.redelivery.limit", "3");
    ForecourtServer.configProperty("forecourt.webhooks.redelivery.delay", "PT0.5S");
  }

  @AfterAll
  static void cleanUp() {
    RECEIVERS.forEach(WebhookReceiver::close);
    ForecourtServer.configProperty("forecourt.webhooks.redelivery.limit", "8");
    ForecourtServer.configProperty("forecourt.webhooks.redelivery.delay", "PT30S");
  }

  // --- SMTP ----------------------------------------------------------------------------------

  @Test
  void aSilentSmtpServerTimesOutFillsTheBulkheadOpensTheBreakerAndTheResetAnswerStaysTheSame() {
    List<String> emails = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String user = "ft-mail-" + UUID.randomUUID().toString().substring(0, 8);
      String email = user + "@dealer.example";
      Accounts.createLocalUser(user, email, "Mail-Password-1", "sales");
      emails.add(email);
    }
    double failures = Metrics.sum("forecourt_mail_failures_total", Map.of());
    double timedOut =
        Metrics.sum("ft_timeout_calls_total", Map.of("method", MAIL, "timedOut", "true"));
    double rejected =
        Metrics.sum(
            "ft_bulkhead_calls_total", Map.of("method", MAIL, "bulkheadResult", "rejected"));
    double opened = Metrics.sum("ft_circuitbreaker_opened_total", Map.of("method", MAIL));
    double prevented =
        Metrics.sum(
            "ft_circuitbreaker_calls_total",
            Map.of("method", MAIL, "circuitBreakerResult", "circuitBreakerOpen"));

    int port = ForecourtServer.mailServer().getSmtp().getPort();
    ForecourtServer.mailServer().stop();
    try (SilentServer silent = new SilentServer(port)) {
      // four resets at once: two sends enter the bulkhead (2) and hang, two are refused by it
      for (int i = 0; i < 4; i++) {
        assertTheResetAnswer(emails.get(i));
      }
      WebhooksIT.await(
          "four mail failures counted",
          Duration.ofSeconds(60),
          () -> Metrics.sum("forecourt_mail_failures_total", Map.of()) >= failures + 4);
      assertEquals(2, silent.accepted(), "only the two sends inside the bulkhead connected");
      assertTrue(
          Metrics.sum(
                  "ft_bulkhead_calls_total", Map.of("method", MAIL, "bulkheadResult", "rejected"))
              >= rejected + 2,
          "the bulkhead refused the other two");
      assertTrue(
          Metrics.sum("ft_timeout_calls_total", Map.of("method", MAIL, "timedOut", "true"))
              >= timedOut + 2,
          "both hanging sends timed out");
      // (at least once: the two sends that hang time out at the same instant, and Payara's
      // breaker, recording both at once, can count two openings — seen once in a clean run)
      assertTrue(
          Metrics.sum("ft_circuitbreaker_opened_total", Map.of("method", MAIL)) >= opened + 1,
          "four failures of four: the breaker opened");

      // open: the SMTP server is not even connected to, the answer is the same
      assertTheResetAnswer(emails.get(4));
      WebhooksIT.await(
          "the fifth failure counted",
          Duration.ofSeconds(20),
          () -> Metrics.sum("forecourt_mail_failures_total", Map.of()) >= failures + 5);
      assertEquals(2, silent.accepted());
      assertTrue(
          Metrics.sum(
                  "ft_circuitbreaker_calls_total",
                  Map.of("method", MAIL, "circuitBreakerResult", "circuitBreakerOpen"))
              >= prevented + 1);
    } finally {
      ForecourtServer.restartMailServer(port);
    }

    // the SMTP server is back: after the breaker's delay a trial send closes it and mail flows
    // again
    String last = emails.get(5);
    WebhooksIT.await(
        "a reset mail delivered again",
        Duration.ofSeconds(60),
        () -> {
          double before = Metrics.sum("forecourt_mail_failures_total", Map.of());
          assertTheResetAnswer(last);
          // one send at a time: wait for this one to be sent or counted as failed
          WebhooksIT.await(
              "the send done",
              Duration.ofSeconds(20),
              () ->
                  mailArrived() || Metrics.sum("forecourt_mail_failures_total", Map.of()) > before);
          return mailArrived();
        });
  }

  private static boolean mailArrived() {
    return ForecourtServer.mailServer().getReceivedMessages().length > 0;
  }

  /** 202, no body, within a few seconds: whatever happens to the mail (no account enumeration). */
  private static void assertTheResetAnswer(String email) {
    long start = System.nanoTime();
    Response answer =
        anonymous()
            .contentType(ContentType.JSON)
            .body(Map.of("username", email))
            .post("/auth/password-reset");
    long millis = (System.nanoTime() - start) / 1_000_000;
    answer.then().statusCode(202);
    assertEquals("", answer.asString());
    assertTrue(millis < 5_000, "the reset answer took " + millis + " ms");
    Response unknown =
        anonymous()
            .contentType(ContentType.JSON)
            .body(Map.of("username", "nobody-" + UUID.randomUUID() + "@dealer.example"))
            .post("/auth/password-reset");
    unknown.then().statusCode(202);
    assertEquals(answer.asString(), unknown.asString());
  }

  // --- webhooks ------------------------------------------------------------------------------

  @Test
  void hangingReceiversTimeOutFillTheBulkheadAndEveryAttemptIsRetriedThenDeadLettered() {
    double timedOut =
        Metrics.sum("ft_timeout_calls_total", Map.of("method", CALL, "timedOut", "true"));
    double rejected =
        Metrics.sum(
            "ft_bulkhead_calls_total", Map.of("method", CALL, "bulkheadResult", "rejected"));
    List<WebhookReceiver> hanging = new ArrayList<>();
    // four receivers that answer after 30 s: the calls time out after 2 s
    List<Long> subscriptions = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      WebhookReceiver receiver = receiver().delay(Duration.ofSeconds(30));
      hanging.add(receiver);
      subscriptions.add(subscribe(receiver));
    }
    String eventId = leadCreatedEvent();

    for (long subscription : subscriptions) {
      WebhooksIT.await(
          "subscription " + subscription + " dead-lettered the event",
          Duration.ofSeconds(90),
          () -> "DEAD".equals(latest(subscription).getString("outcome")));
    }
    int timeouts = 0;
    int bulkheadFull = 0;
    for (int i = 0; i < subscriptions.size(); i++) {
      List<Map<String, Object>> attempts = deliveries(subscriptions.get(i));
      assertEquals(3, attempts.size(), "three attempts, then the dead letter queue");
      int reached = 0;
      for (Map<String, Object> attempt : attempts) {
        assertEquals(eventId, attempt.get("eventId"));
        String error = (String) attempt.get("error");
        if (error.equals("no answer in time")) {
          timeouts++;
          reached++;
          long took = ((Number) attempt.get("durationMillis")).longValue();
          assertTrue(
              took < 15_000, "a timed-out attempt took " + took + " ms (the receiver hangs 30 s)");
        } else {
          assertEquals(BULKHEAD_FULL, error);
          bulkheadFull++;
        }
      }
      int expected = reached;
      WebhookReceiver receiver = hanging.get(i);
      WebhooksIT.await(
          "the receiver got exactly the attempts that timed out",
          Duration.ofSeconds(10),
          () -> receiver.received().size() == expected);
      assertEquals(expected, receiver.received().size());
    }
    // (the webhook listener takes at most as many messages at once as the bulkhead admits, so four
    // receivers time out without filling it; the bulkhead's refusal is proven on the mail send)
    assertEquals(3 * subscriptions.size(), timeouts + bulkheadFull);
    assertTrue(timeouts > 0, timeouts + " timed out, " + bulkheadFull + " refused by the bulkhead");
    assertTrue(
        Metrics.sum("ft_timeout_calls_total", Map.of("method", CALL, "timedOut", "true"))
            >= timedOut + timeouts);
    assertTrue(
        Metrics.sum("ft_bulkhead_calls_total", Map.of("method", CALL, "bulkheadResult", "rejected"))
            >= rejected + bulkheadFull);
    List<String> dead = as("admin").get("/admin/dlq?queue=webhooks").jsonPath().getList("eventId");
    assertTrue(
        dead.stream().filter(eventId::equals).count() >= subscriptions.size(),
        "every subscriber's job is in the DLQ");
    unsubscribe(subscriptions); // out of the other tests' way (they would meet a full bulkhead)
  }

  @Test
  void aFailingSubscriberOpensOnlyItsOwnBreakerAndNothingIsLost() {
    WebhookReceiver failing = receiver().failing(d -> true);
    WebhookReceiver healthy = receiver();
    long bad = subscribe(failing);
    long good = subscribe(healthy);
    Map<String, String> ofBad = Map.of("subscription", Long.toString(bad));
    Map<String, String> ofGood = Map.of("subscription", Long.toString(good));

    // four events, three attempts each: the sixth failure (request volume 6, ratio 0.5) opens the
    // breaker
    List<String> events =
        List.of(leadCreatedEvent(), leadCreatedEvent(), leadCreatedEvent(), leadCreatedEvent());
    WebhooksIT.await(
        "twelve attempts of the failing subscriber logged",
        Duration.ofSeconds(90),
        () ->
            deliveries(bad).size() == 12
                && deliveries(bad).stream().filter(d -> "DEAD".equals(d.get("outcome"))).count()
                    == 4);
    List<Map<String, Object>> attempts = deliveries(bad);
    long called =
        attempts.stream()
            .filter(d -> "the receiver answered HTTP 500".equals(d.get("error")))
            .count();
    long refused = attempts.stream().filter(d -> BREAKER_OPEN.equals(d.get("error"))).count();
    // (other subscribers' calls may fill the bulkhead of 2 for a moment: such an attempt is
    // neither)
    long crowded = attempts.stream().filter(d -> BULKHEAD_FULL.equals(d.get("error"))).count();
    assertEquals(
        12,
        called + refused + crowded,
        "each attempt called the receiver or was refused by FT: " + attempts);
    assertTrue(
        called >= 6 && refused >= 1,
        called + " called, " + refused + " refused by the breaker: " + attempts);
    WebhooksIT.await(
        "the receiver got exactly the attempts that called it",
        Duration.ofSeconds(10),
        () -> failing.received().size() == called);
    assertTrue(Metrics.sum("forecourt_webhook_circuit_opened_total", ofBad) >= 1);
    assertTrue(Metrics.sum("forecourt_webhook_circuit_refused_total", ofBad) >= refused);

    // the other subscriber got every event at its first attempt: its breaker never opened
    WebhooksIT.await(
        "the healthy subscriber got the three events",
        Duration.ofSeconds(30),
        () -> healthy.processed().containsAll(events));
    assertTrue(
        deliveries(good).stream().noneMatch(d -> BREAKER_OPEN.equals(d.get("error"))),
        "never refused by a breaker");
    assertEquals(0.0, Metrics.sum("forecourt_webhook_circuit_opened_total", ofGood));

    // the subscriber recovers: after the breaker's delay a trial attempt closes it; the job queue
    // retries long enough (8 attempts) to get there, so the event arrives
    ForecourtServer.configProperty("forecourt.webhooks.redelivery.limit", "8");
    failing.failing(d -> false);
    String later = leadCreatedEvent();
    WebhooksIT.await(
        "the recovered subscriber got the next event",
        Duration.ofSeconds(60),
        () -> failing.processed().contains(later));
    ForecourtServer.configProperty("forecourt.webhooks.redelivery.limit", "3");
    unsubscribe(List.of(bad, good));
  }

  private static void unsubscribe(List<Long> subscriptions) {
    for (long id : subscriptions) {
      as("admin").delete("/webhooks/{id}", id).then().statusCode(204);
    }
  }

  private static WebhookReceiver receiver() {
    WebhookReceiver receiver = new WebhookReceiver();
    RECEIVERS.add(receiver);
    return receiver;
  }

  private static long subscribe(WebhookReceiver receiver) {
    return WebhooksIT.subscribe(receiver, List.of("lead.created"));
  }

  private static String leadCreatedEvent() {
    long lead = Leads.create("sales");
    return ForecourtServer.queryString(
        "select id from outbox_event where type = 'lead.created'"
            + " and aggregate_id = '"
            + lead
            + "'");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> deliveries(long subscription) {
    return (List<Map<String, Object>>)
        (List<?>)
            as("admin")
                .get("/webhooks/{id}/deliveries?limit=100", subscription)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
  }

  private static JsonPath latest(long subscription) {
    return new JsonPath(
            as("admin")
                .get("/webhooks/{id}/deliveries", subscription)
                .then()
                .statusCode(200)
                .extract()
                .asString())
        .setRootPath("items[0]");
  }
}
