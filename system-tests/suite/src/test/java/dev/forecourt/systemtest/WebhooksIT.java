package dev.forecourt.systemtest;

import static dev.forecourt.systemtest.support.Accounts.anonymous;
import static dev.forecourt.systemtest.support.Accounts.as;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.Leads;
import dev.forecourt.systemtest.support.Metrics;
import dev.forecourt.systemtest.support.Poll;
import dev.forecourt.systemtest.support.Vehicles;
import dev.forecourt.systemtest.support.WebhookReceiver;
import dev.forecourt.systemtest.support.WebhookReceiver.Delivery;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Domain events through the outbox and the JMS queues to webhook subscribers on the deployed EAR: a
 * real HTTP receiver started here checks every signature; failing deliveries are retried with
 * growing delays, dead-lettered, and redelivered by an admin; management rights and bad input.
 */
@ExtendWith(ForecourtServer.class)
class WebhooksIT {

  private static final String PROBLEMS = "https://forecourt.dev/problems/";
  private static final List<String> ALL_TYPES =
      List.of(
          "lead.created",
          "lead.status_changed",
          "test_drive.scheduled",
          "deal.closed",
          "vehicle.price_changed",
          "vehicle.sold");
  private static final List<WebhookReceiver> RECEIVERS = new ArrayList<>();

  @AfterAll
  static void stopReceivers() {
    RECEIVERS.forEach(WebhookReceiver::close);
    ForecourtServer.configProperty("forecourt.webhooks.redelivery.limit", "8");
    ForecourtServer.configProperty("forecourt.webhooks.redelivery.delay", "PT30S");
  }

  static WebhookReceiver receiver() {
    WebhookReceiver receiver = new WebhookReceiver();
    RECEIVERS.add(receiver);
    return receiver;
  }

  /**
   * Subscribes {@code receiver} (as admin) and gives it the secret from the answer; the
   * subscription id.
   */
  static long subscribe(WebhookReceiver receiver, List<String> types) {
    return receiver.subscribe(() -> as("admin"), types);
  }

  static void await(String what, Duration timeout, BooleanSupplier condition) {
    Poll.until(timeout, condition, what);
  }

  private static List<JsonPath> bodies(WebhookReceiver receiver) {
    return receiver.received().stream().map(d -> new JsonPath(d.body())).toList();
  }

  private static JsonPath event(WebhookReceiver receiver, String type, String idField, long id) {
    await(
        type + " for " + idField + "=" + id,
        Duration.ofSeconds(30),
        () ->
            bodies(receiver).stream()
                .anyMatch(
                    b ->
                        type.equals(b.getString("type"))
                            && Long.valueOf(id).equals(b.getLong("data." + idField))));
    return bodies(receiver).stream()
        .filter(
            b ->
                type.equals(b.getString("type"))
                    && Long.valueOf(id).equals(b.getLong("data." + idField)))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void everyEventTypeReachesTheSubscriberSignedAndWithoutPersonalData() {
    WebhookReceiver receiver = receiver();
    long subscription = subscribe(receiver, ALL_TYPES);

    long vehicle = Vehicles.create("23900.00");
    Map<String, Object> draft = Leads.draft("BER", vehicle);
    String email = (String) ((Map<?, ?>) draft.get("customer")).get("email");
    long lead =
        as("sales")
            .contentType(ContentType.JSON)
            .body(draft)
            .post("/leads")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    Leads.advance("sales", lead, "CONTACTED", "QUALIFIED");
    String starts = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS).toString();
    long drive = Leads.bookedTestDrive(lead, vehicle, starts, 30);
    long deal = Leads.closedDeal(lead, vehicle, "22500.00");
    long repriced = Vehicles.create("15000.00");
    Response read = Vehicles.api().get("/vehicles/{id}", repriced);
    Map<String, Object> cheaper = Vehicles.draft(read.jsonPath().getString("vin"), "14500.00");
    Vehicles.api()
        .contentType(ContentType.JSON)
        .header("If-Match", read.header("ETag"))
        .body(cheaper)
        .put("/vehicles/{id}", repriced)
        .then()
        .statusCode(200);

    JsonPath created = event(receiver, "lead.created", "leadId", lead);
    assertEquals("BER", created.getString("data.dealership"));
    assertEquals(vehicle, created.getLong("data.vehicleId"));
    assertEquals("NEW", created.getString("data.status"));
    JsonPath scheduled = event(receiver, "test_drive.scheduled", "testDriveId", drive);
    assertEquals(lead, scheduled.getLong("data.leadId"));
    JsonPath closed = event(receiver, "deal.closed", "dealId", deal);
    assertEquals("22500.00", closed.getString("data.salePrice"));
    assertEquals("EUR", closed.getString("data.currency"));
    JsonPath sold = event(receiver, "vehicle.sold", "vehicleId", vehicle);
    assertEquals(deal, sold.getLong("data.dealId"));
    JsonPath price = event(receiver, "vehicle.price_changed", "vehicleId", repriced);
    assertEquals("15000.00", price.getString("data.oldPrice"));
    assertEquals("14500.00", price.getString("data.newPrice"));
    // the lead went NEW → CONTACTED → QUALIFIED → TEST_DRIVE → NEGOTIATION → WON: five changes
    event(receiver, "lead.status_changed", "leadId", lead);
    await(
        "five lead.status_changed",
        Duration.ofSeconds(30),
        () ->
            bodies(receiver).stream()
                    .filter(
                        b ->
                            "lead.status_changed".equals(b.getString("type"))
                                && Long.valueOf(lead).equals(b.getLong("data.leadId")))
                    .map(b -> b.getString("data.to"))
                    .distinct()
                    .count()
                == 5);
    // each change with the status it left (events are not ordered: webhooks arrive in any order)
    assertEquals(
        Set.of(
            "NEW>CONTACTED",
            "CONTACTED>QUALIFIED",
            "QUALIFIED>TEST_DRIVE",
            "TEST_DRIVE>NEGOTIATION",
            "NEGOTIATION>WON"),
        bodies(receiver).stream()
            .filter(
                b ->
                    "lead.status_changed".equals(b.getString("type"))
                        && Long.valueOf(lead).equals(b.getLong("data.leadId")))
            .map(b -> b.getString("data.from") + ">" + b.getString("data.to"))
            .collect(Collectors.toSet()));

    List<Delivery> received = receiver.received();
    assertThat(
        "every delivery carries a valid signature",
        received.stream().map(Delivery::signatureValid).toList(),
        everyItem(equalTo(true)));
    assertThat(received.stream().map(Delivery::fresh).toList(), everyItem(equalTo(true)));
    for (Delivery d : received) {
      assertEquals(d.id(), new JsonPath(d.body()).getString("id"), "webhook-id is the event id");
      assertThat("no personal data in events", d.body(), not(containsString(email)));
    }
    // one outbox row per event, all published, each processed once by the consumer
    String leadEvents =
        "from outbox_event where aggregate_type = 'lead' and aggregate_id = '" + lead + "'";
    assertEquals(6, ForecourtServer.queryLong("select count(*) " + leadEvents));
    await(
        "the outbox rows stamped published",
        Duration.ofSeconds(10),
        () ->
            ForecourtServer.queryLong("select count(*) " + leadEvents + " and published_at is null")
                == 0);
    assertEquals(
        6,
        ForecourtServer.queryLong(
            "select count(*) from processed_event where event_id in (select id "
                + leadEvents
                + ")"));
    // the delivery log: the ten events (lead created, five moves, test drive, deal closed, vehicle
    // sold, price changed), each delivered at the first attempt
    await(
        "ten deliveries logged",
        Duration.ofSeconds(20),
        () ->
            as("admin")
                    .get("/webhooks/{id}/deliveries", subscription)
                    .jsonPath()
                    .getList("items")
                    .size()
                >= 10);
    as("admin")
        .get("/webhooks/{id}/deliveries", subscription)
        .then()
        .statusCode(200)
        .body("items.outcome", everyItem(equalTo("DELIVERED")))
        .body("items.statusCode", everyItem(equalTo(204)))
        .body("items.attempt", everyItem(equalTo(1)));
  }

  @Test
  void theSecretIsShownOnceAndStoredEncrypted() {
    WebhookReceiver receiver = receiver();
    Response created =
        as("admin")
            .contentType(ContentType.JSON)
            .body(Map.of("url", receiver.url().toString(), "eventTypes", List.of("deal.closed")))
            .post("/webhooks");
    created
        .then()
        .statusCode(201)
        .header("Location", containsString("/api/v1/webhooks/"))
        .header("Cache-Control", containsString("no-store"))
        .body("secret", startsWith("whsec_"))
        .body("active", equalTo(true))
        .body("createdBy", equalTo("admin"));
    long id = created.jsonPath().getLong("id");
    String secret = created.jsonPath().getString("secret");
    as("admin")
        .get("/webhooks/{id}", id)
        .then()
        .statusCode(200)
        .body("secret", nullValue())
        .body("eventTypes", equalTo(List.of("deal.closed")));
    as("admin").get("/webhooks").then().statusCode(200).body("secret", everyItem(nullValue()));
    String stored =
        ForecourtServer.queryString("select secret from webhook_subscription where id = " + id);
    assertThat(stored, startsWith("gcm1:"));
    assertThat(stored, not(containsString(secret.substring(6))));
    as("admin").delete("/webhooks/{id}", id).then().statusCode(204);
    as("admin").get("/webhooks/{id}", id).then().statusCode(200).body("active", equalTo(false));
  }

  @Test
  void failingDeliveriesAreRetriedWithGrowingDelaysDeadLetteredAndRedelivered() {
    ForecourtServer.configProperty("forecourt.webhooks.redelivery.limit", "3");
    ForecourtServer.configProperty("forecourt.webhooks.redelivery.delay", "PT0.5S");
    WebhookReceiver receiver = receiver().failing(d -> true);
    long subscription = subscribe(receiver, List.of("lead.created"));
    double deadBefore =
        Metrics.sum("forecourt_jobs_dead_lettered_total", Map.of("queue", "webhooks"));
    double retriedBefore = Metrics.sum("forecourt_jobs_retried_total", Map.of("queue", "webhooks"));
    long lead = Leads.create("sales");
    String eventId =
        ForecourtServer.queryString(
            "select id from outbox_event where type = 'lead.created'"
                + " and aggregate_id = '"
                + lead
                + "'");

    Map<String, Object> letter = awaitDeadLetter(subscription, eventId);
    assertTrue(
        Metrics.sum("forecourt_jobs_dead_lettered_total", Map.of("queue", "webhooks"))
            >= deadBefore + 1);
    assertTrue(
        Metrics.sum("forecourt_jobs_retried_total", Map.of("queue", "webhooks"))
            >= retriedBefore + 2);
    assertEquals(3, ((Number) letter.get("attempts")).intValue());
    assertEquals("webhooks", letter.get("queue"));
    assertEquals("lead.created", letter.get("eventType"));
    assertThat((String) letter.get("lastError"), containsString("HTTP 500"));
    List<Instant> attempts =
        receiver.received().stream()
            .filter(d -> eventId.equals(d.id()))
            .map(Delivery::receivedAt)
            .toList();
    assertEquals(3, attempts.size(), "three attempts, then the dead letter queue");
    long first = Duration.between(attempts.get(0), attempts.get(1)).toMillis();
    long second = Duration.between(attempts.get(1), attempts.get(2)).toMillis();
    // 0.5 s ± 20 %, then 1 s ± 20 %: the second wait is at least the longest first one could be
    assertTrue(first >= 400, "first retry after " + first + " ms");
    assertTrue(second >= 800, "second retry after " + second + " ms (first " + first + " ms)");
    as("admin")
        .get("/webhooks/{id}/deliveries", subscription)
        .then()
        .statusCode(200)
        .body("items.outcome", equalTo(List.of("DEAD", "FAILED", "FAILED")))
        .body("items.attempt", equalTo(List.of(3, 2, 1)))
        .body("items.error", everyItem(containsString("HTTP 500")));

    // the receiver is mended; an admin sends the job back
    receiver.failing(d -> false);
    String jobId = (String) letter.get("jobId");
    as("admin")
        .post("/admin/dlq/{job}/redeliver", jobId)
        .then()
        .statusCode(200)
        .body("jobId", equalTo(jobId));
    await(
        "the redelivered event processed",
        Duration.ofSeconds(30),
        () -> receiver.processed().contains(eventId));
    await(
        "the delivery logged",
        Duration.ofSeconds(10),
        () ->
            "DELIVERED"
                .equals(
                    as("admin")
                        .get("/webhooks/{id}/deliveries", subscription)
                        .jsonPath()
                        .getString("items[0].outcome")));
    as("admin").get("/admin/dlq").then().statusCode(200).body("jobId", not(hasItem(jobId)));
    as("admin")
        .post("/admin/dlq/{job}/redeliver", jobId)
        .then()
        .statusCode(404)
        .body("type", equalTo(PROBLEMS + "not-found"));

    // another one dead-lettered, then discarded
    receiver.failing(d -> true);
    long other = Leads.create("sales");
    String otherEvent =
        ForecourtServer.queryString(
            "select id from outbox_event where type = 'lead.created'"
                + " and aggregate_id = '"
                + other
                + "'");
    String otherJob = (String) awaitDeadLetter(subscription, otherEvent).get("jobId");
    as("admin").delete("/admin/dlq/{job}", otherJob).then().statusCode(204);
    as("admin")
        .get("/admin/dlq?queue=webhooks")
        .then()
        .statusCode(200)
        .body("jobId", not(hasItem(otherJob)));
    as("admin")
        .delete("/admin/dlq/{job}", otherJob)
        .then()
        .statusCode(404)
        .body("type", equalTo(PROBLEMS + "not-found"));
    as("admin").delete("/webhooks/{id}", subscription).then().statusCode(204);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> awaitDeadLetter(long subscription, String eventId) {
    await(
        "a dead letter for event " + eventId,
        Duration.ofSeconds(60),
        () ->
            as("admin")
                .get("/admin/dlq?queue=webhooks")
                .jsonPath()
                .getList("eventId")
                .contains(eventId));
    return ((List<Map<String, Object>>)
            (List<?>) as("admin").get("/admin/dlq?queue=webhooks").jsonPath().getList("$"))
        .stream()
            .filter(
                l ->
                    eventId.equals(l.get("eventId"))
                        && Long.valueOf(subscription)
                            .equals(((Number) l.get("subscriptionId")).longValue()))
            .findFirst()
            .orElseThrow();
  }

  @Test
  void aRefusedChangeWritesNoEvent() {
    long before = ForecourtServer.queryLong("select count(*) from outbox_event");
    Map<String, Object> draft = new LinkedHashMap<>(Leads.draft("BER", 987_654_321L));
    as("sales").contentType(ContentType.JSON).body(draft).post("/leads").then().statusCode(422);
    assertEquals(
        before,
        ForecourtServer.queryLong("select count(*) from outbox_event"),
        "the outbox row is part of the refused change's transaction");
  }

  @Test
  void integratorsWithWebhooksManageSubscribeOthersCannot() {
    String manager =
        as("admin")
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "name",
                    "crm " + UUID.randomUUID(),
                    "scopes",
                    List.of("webhooks:manage"),
                    "dealerships",
                    List.of("BER")))
            .post("/api-keys")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getString("key");
    String reader =
        as("admin")
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "name",
                    "site " + UUID.randomUUID(),
                    "scopes",
                    List.of("inventory:read"),
                    "dealerships",
                    List.of("BER")))
            .post("/api-keys")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getString("key");
    Map<String, Object> body =
        Map.of("url", "https://crm.example/hooks", "eventTypes", List.of("lead.created"));
    long id =
        anonymous()
            .header("Authorization", "ApiKey " + manager)
            .contentType(ContentType.JSON)
            .body(body)
            .post("/webhooks")
            .then()
            .statusCode(201)
            .body("createdBy", startsWith("apikey:"))
            .extract()
            .jsonPath()
            .getLong("id");
    anonymous()
        .header("Authorization", "ApiKey " + manager)
        .delete("/webhooks/{id}", id)
        .then()
        .statusCode(204);
    anonymous()
        .header("Authorization", "ApiKey " + reader)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/webhooks")
        .then()
        .statusCode(403)
        .body("type", equalTo(PROBLEMS + "forbidden"));
    as("sales")
        .contentType(ContentType.JSON)
        .body(body)
        .post("/webhooks")
        .then()
        .statusCode(403)
        .body("type", equalTo(PROBLEMS + "forbidden"));
    as("manager")
        .get("/webhooks")
        .then()
        .statusCode(403)
        .body("type", equalTo(PROBLEMS + "forbidden"));
    anonymous()
        .get("/webhooks")
        .then()
        .statusCode(401)
        .body("type", equalTo(PROBLEMS + "unauthenticated"));
    as("sales")
        .get("/admin/dlq")
        .then()
        .statusCode(403)
        .body("type", equalTo(PROBLEMS + "forbidden"));
    anonymous()
        .get("/admin/dlq")
        .then()
        .statusCode(401)
        .body("type", equalTo(PROBLEMS + "unauthenticated"));
  }

  @Test
  void urlsAtLoopbackPrivateOrMetadataAddressesAreRefusedAndCheckedAgainAtEachDelivery() {
    // 2852039166 is 169.254.169.254 written as one decimal number
    for (String url :
        List.of(
            "http://169.254.169.254/latest/meta-data/",
            "http://10.0.0.1/",
            "http://[::1]:8080/hook",
            "http://[::ffff:169.254.169.254]/",
            "http://2852039166/hook",
            "https://192.168.1.20/hook")) {
      as("admin")
          .contentType(ContentType.JSON)
          .body(Map.of("url", url, "eventTypes", List.of("lead.created")))
          .post("/webhooks")
          .then()
          .statusCode(422)
          .body("type", equalTo(PROBLEMS + "url-not-allowed"))
          .body("errors.field", hasItem("url"))
          .body("detail", not(containsString("169.254")))
          .body("errors.message", hasItem(containsString("address")));
    }
    // the test receiver on 127.0.0.1 is allow-listed (forecourt.webhooks.allowed-hosts) and works
    WebhookReceiver receiver = receiver();
    long subscription = subscribe(receiver, List.of("lead.created"));
    long lead = Leads.create("sales");
    event(receiver, "lead.created", "leadId", lead);

    // no longer allowed (as if its name now resolved to a loopback address): the next delivery is
    // not sent
    ForecourtServer.configProperty(ForecourtServer.WEBHOOK_ALLOWED_HOSTS, "192.0.2.1");
    try {
      long refused = Leads.create("sales");
      String eventId =
          ForecourtServer.queryString(
              "select id from outbox_event where type = 'lead.created'"
                  + " and aggregate_id = '"
                  + refused
                  + "'");
      await(
          "the refused delivery logged",
          Duration.ofSeconds(30),
          () ->
              as("admin")
                  .get("/webhooks/{id}/deliveries", subscription)
                  .jsonPath()
                  .getList("items.error")
                  .contains(
                      "not called: the host is a loopback address, which webhooks are not sent to"));
      assertTrue(
          receiver.received().stream().noneMatch(d -> eventId.equals(d.id())),
          "the receiver was not called");
    } finally {
      ForecourtServer.configProperty(
          ForecourtServer.WEBHOOK_ALLOWED_HOSTS, ForecourtServer.WEBHOOK_RECEIVERS);
      as("admin").delete("/webhooks/{id}", subscription).then().statusCode(204);
    }
  }

  @Test
  void badInputIsAnsweredWithTheExactProblem() {
    Map<String, Object> unknownType =
        Map.of("url", "https://crm.example/h", "eventTypes", List.of("lead.eaten"));
    as("admin")
        .contentType(ContentType.JSON)
        .body(unknownType)
        .post("/webhooks")
        .then()
        .statusCode(422)
        .body("type", equalTo(PROBLEMS + "validation-failed"))
        .body("errors.field", hasItem("eventTypes"));
    Map<String, Object> ftp =
        Map.of("url", "ftp://crm.example/h", "eventTypes", List.of("lead.created"));
    as("admin")
        .contentType(ContentType.JSON)
        .body(ftp)
        .post("/webhooks")
        .then()
        .statusCode(422)
        .body("type", equalTo(PROBLEMS + "validation-failed"))
        .body("errors.field", hasItem("url"));
    Map<String, Object> none = Map.of("url", "https://crm.example/h", "eventTypes", List.of());
    as("admin")
        .contentType(ContentType.JSON)
        .body(none)
        .post("/webhooks")
        .then()
        .statusCode(422)
        .body("type", equalTo(PROBLEMS + "validation-failed"))
        .body("errors.field", hasItem("eventTypes"));
    as("admin")
        .contentType(ContentType.JSON)
        .body("{\"url\":")
        .post("/webhooks")
        .then()
        .statusCode(400)
        .body("type", equalTo(PROBLEMS + "malformed-request"));
    as("admin")
        .get("/webhooks/987654321")
        .then()
        .statusCode(404)
        .body("type", equalTo(PROBLEMS + "not-found"));
    as("admin")
        .get("/webhooks/987654321/deliveries")
        .then()
        .statusCode(404)
        .body("type", equalTo(PROBLEMS + "not-found"));
    as("admin")
        .delete("/webhooks/987654321")
        .then()
        .statusCode(404)
        .body("type", equalTo(PROBLEMS + "not-found"));
    as("admin")
        .get("/admin/dlq?queue=bogus")
        .then()
        .statusCode(400)
        .body("type", equalTo(PROBLEMS + "invalid-parameter"));
    as("admin")
        .post("/admin/dlq/{job}/redeliver", UUID.randomUUID().toString())
        .then()
        .statusCode(404)
        .body("type", equalTo(PROBLEMS + "not-found"));
    as("admin")
        .post("/admin/dlq/{job}/redeliver", "job-1")
        .then()
        .statusCode(404)
        .body("type", equalTo(PROBLEMS + "not-found"));
    as("admin")
        .delete("/admin/dlq/{job}", "not-a-job")
        .then()
        .statusCode(404)
        .body("type", equalTo(PROBLEMS + "not-found"));
  }
}
