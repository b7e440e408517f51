package dev.forecourt.systemtest;

import static dev.forecourt.systemtest.support.Accounts.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.Leads;
import dev.forecourt.systemtest.support.OtlpReceiver;
import dev.forecourt.systemtest.support.OtlpReceiver.ReceivedSpan;
import dev.forecourt.systemtest.support.Poll;
import dev.forecourt.systemtest.support.WebhookReceiver;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Traces (MicroProfile Telemetry) on the deployed EAR, exported by OTLP/HTTP to a real collector
 * ({@link OtlpReceiver}, decoding the protobuf with the protocol's own classes). The test domain
 * keeps only the traces a caller began and sampled (its {@code traceparent}), as behind a gateway
 * that decides: a lead's creation is followed from the request through the outbox, both job queues
 * and the webhook call into the receiver's hands.
 */
@ExtendWith(ForecourtServer.class)
class TracingIT {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String SERVER = "SPAN_KIND_SERVER";
  private static final String CLIENT = "SPAN_KIND_CLIENT";
  private static final String CONSUMER = "SPAN_KIND_CONSUMER";

  @Test
  void aLeadsCreationIsOneTraceFromTheRequestToTheWebhookReceiver() throws IOException {
    OtlpReceiver collector = ForecourtServer.traceCollector();
    String traceId = hex(16);
    String callerSpan = hex(8);
    Map<String, Object> draft = Leads.draft("BER", null);
    @SuppressWarnings("unchecked")
    Map<String, Object> customer = (Map<String, Object>) draft.get("customer");
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      receiver.subscribe(() -> as("admin"), List.of("lead.created"));
      String correlation = "trace-" + traceId;
      long lead =
          as("admin")
              .header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
              .header("X-Correlation-Id", correlation)
              .contentType(ContentType.JSON)
              .body(draft)
              .post("/leads")
              .then()
              .statusCode(201)
              .extract()
              .jsonPath()
              .getLong("id");

      // the receiver gets the event with the trace's context
      WebhookReceiver.Delivery delivery =
          Poll.until(
              Duration.ofSeconds(30),
              () ->
                  receiver.received().stream()
                      .filter(d -> new JsonPath(d.body()).getLong("data.leadId") == lead)
                      .findFirst()
                      .orElse(null),
              d -> d != null,
              "the lead.created webhook of lead " + lead);
      assertNotNull(delivery.traceparent(), "the webhook carries a traceparent");
      assertEquals(traceId, delivery.traceparent().substring(3, 35), delivery.traceparent());
      String webhookCall = delivery.traceparent().substring(36, 52);

      // every span of it reaches the collector: the chain from the webhook call up to the
      // caller's span (the call's span ends after the receiver answered, its parents after it,
      // possibly in a later export batch)
      Poll.until(
          Duration.ofSeconds(30),
          () -> chainReaches(collector.trace(traceId), webhookCall, callerSpan),
          "the spans from the webhook call up to the request");
      List<ReceivedSpan> spans = collector.trace(traceId);
      String tree =
          spans.stream()
              .map(s -> s.kind() + " " + s.name() + " " + s.spanId() + "<-" + s.parentSpanId())
              .collect(Collectors.joining("\n  "));
      Map<String, ReceivedSpan> byId =
          spans.stream()
              .collect(Collectors.toMap(ReceivedSpan::spanId, Function.identity(), (a, b) -> a));
      System.out.printf(
          "[TracingIT] lead %d: %d spans in trace %s:%n  %s%n", lead, spans.size(), traceId, tree);

      // the request: the server's span, child of the caller's
      ReceivedSpan request = one(spans, s -> SERVER.equals(s.kind()), tree);
      assertEquals(callerSpan, request.parentSpanId(), tree);
      assertEquals("forecourt", request.service());
      // (Payara 6.2025.10 joins the application path and the resource's without their slash)
      assertTrue(
          request.attributes().getOrDefault("http.route", "").endsWith("leads"),
          request.attributes().toString());
      assertEquals("201", request.attributes().get("http.status_code"));
      // found by the request's correlation id (the id of its log lines and audit record)
      assertEquals(correlation, request.attributes().get("forecourt.correlation_id"));
      // the use case inside it, with its statements (shapes, no values)
      ReceivedSpan useCase = one(spans, s -> s.name().equals("LeadService.create"), tree);
      assertTrue(descends(useCase, request, byId), tree);
      assertTrue(
          spans.stream()
              .anyMatch(
                  s ->
                      CLIENT.equals(s.kind())
                          && s.name().equals("insert sales_lead")
                          && s.attributes().get("db.statement").contains("?")
                          && descends(s, useCase, byId)),
          tree);
      // the event's processing (the outbox carried the context), then the webhook job's
      ReceivedSpan event =
          one(spans, s -> CONSUMER.equals(s.kind()) && s.name().equals("events process"), tree);
      assertTrue(descends(event, useCase, byId), tree);
      // and the call the receiver got, inside its job (one webhook job per subscriber)
      ReceivedSpan call = byId.get(webhookCall);
      assertEquals(CLIENT, call.kind(), tree);
      assertEquals("POST", call.name(), tree);
      assertEquals("204", call.attributes().get("http.response.status_code"));
      ReceivedSpan dispatch = byId.get(call.parentSpanId());
      assertEquals("WebhookDispatcher.deliver", dispatch.name(), tree);
      ReceivedSpan job = byId.get(dispatch.parentSpanId());
      assertEquals(CONSUMER, job.kind(), tree);
      assertEquals("webhooks process", job.name(), tree);
      assertEquals(event.spanId(), job.parentSpanId(), tree);

      for (ReceivedSpan span : spans) {
        // all went well: the request, the event and this receiver's job (another subscriber's
        // job, an earlier class's receiver that is gone, fails and its spans say so)
        if (descends(span, job, byId) || outsideJobs(span, request, byId)) {
          assertNotEquals("STATUS_CODE_ERROR", span.status(), span.toString());
        }
        // no personal data in any span
        for (String value : span.attributes().values()) {
          for (String personal :
              List.of(
                  (String) customer.get("email"),
                  (String) customer.get("lastName"),
                  (String) customer.get("phone"))) {
            assertFalse(value.contains(personal), span + " holds " + personal);
          }
          assertFalse(value.contains(receiver.url().getPath()), span + " holds the hook's path");
        }
      }

      // the JSON log's lines of the request carry the trace id
      String log = Files.readString(ForecourtServer.jsonLog());
      assertTrue(
          log.lines()
              .anyMatch(l -> l.contains("\"traceId\":\"" + traceId + "\"") && l.contains("/leads")),
          "an access log line with the trace id");
    }
  }

  @Test
  void aTraceTheCallerDidNotSampleIsNotKept() {
    OtlpReceiver collector = ForecourtServer.traceCollector();
    String unsampled = hex(16);
    String sampled = hex(16);
    as("admin")
        .header("traceparent", "00-" + unsampled + "-" + hex(8) + "-00")
        .get("/vehicles?limit=1")
        .then()
        .statusCode(200);
    as("admin")
        .header("traceparent", "00-" + sampled + "-" + hex(8) + "-01")
        .get("/vehicles?limit=1")
        .then()
        .statusCode(200);
    // the sampled one's spans arrive; by then the other's would have too (one exporter, in order)
    Poll.until(
        Duration.ofSeconds(30),
        () -> !collector.trace(sampled).isEmpty(),
        "the spans of the sampled request");
    Poll.pause(Duration.ofMillis(500));
    assertEquals(List.of(), collector.trace(unsampled));
  }

  private static ReceivedSpan one(
      List<ReceivedSpan> spans, Predicate<ReceivedSpan> which, String tree) {
    List<ReceivedSpan> found = spans.stream().filter(which).toList();
    assertEquals(1, found.size(), "one such span in\n  " + tree);
    return found.get(0);
  }

  /** Whether the spans received link {@code spanId} by its parents up to {@code root}'s child. */
  private static boolean chainReaches(List<ReceivedSpan> spans, String spanId, String root) {
    Map<String, ReceivedSpan> byId =
        spans.stream()
            .collect(Collectors.toMap(ReceivedSpan::spanId, Function.identity(), (a, b) -> a));
    for (ReceivedSpan s = byId.get(spanId); s != null; s = byId.get(s.parentSpanId())) {
      if (root.equals(s.parentSpanId())) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code span} is below {@code request} and not in a webhook job. */
  private static boolean outsideJobs(
      ReceivedSpan span, ReceivedSpan request, Map<String, ReceivedSpan> byId) {
    for (ReceivedSpan s = span; s != null; s = byId.get(s.parentSpanId())) {
      if (s.name().equals("webhooks process")) {
        return false;
      }
      if (s.spanId().equals(request.spanId())) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code span} is {@code ancestor} or below it. */
  private static boolean descends(
      ReceivedSpan span, ReceivedSpan ancestor, Map<String, ReceivedSpan> byId) {
    for (ReceivedSpan s = span; s != null; s = byId.get(s.parentSpanId())) {
      if (s.spanId().equals(ancestor.spanId())) {
        return true;
      }
    }
    return false;
  }

  private static String hex(int bytes) {
    byte[] id = new byte[bytes];
    RANDOM.nextBytes(id);
    return HexFormat.of().formatHex(id);
  }
}
