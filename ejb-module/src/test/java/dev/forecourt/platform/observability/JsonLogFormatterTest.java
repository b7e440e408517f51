package dev.forecourt.platform.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JsonLogFormatterTest {

  private final JsonLogFormatter formatter = new JsonLogFormatter("node-1");

  @BeforeEach
  void tracesExported() {
    Tracing.exported(true);
  }

  @AfterEach
  void leave() {
    LogContext.leave();
    Tracing.exported(false);
  }

  private JsonObject format(LogRecord record) {
    String line = formatter.format(record);
    assertTrue(line.endsWith("\n") && line.indexOf('\n') == line.length() - 1, line);
    return Json.createReader(new StringReader(line)).readObject();
  }

  @Test
  void theCurrentSpansIdsWinOverTheCallersTraceId() {
    LogContext.enter("c-1", "0af7651916cd43dd8448eb211c80319c", "admin");
    String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
    String spanId = "00f067aa0ba902b7";
    Span span =
        Span.wrap(
            SpanContext.create(trace, spanId, TraceFlags.getSampled(), TraceState.getDefault()));
    JsonObject json;
    try (Scope ignored = span.makeCurrent()) {
      json = format(new LogRecord(Level.INFO, "in a span"));
    }
    assertEquals(trace, json.getString("traceId"));
    assertEquals(spanId, json.getString("spanId"));
    assertEquals("c-1", json.getString("correlationId"));
    // outside the span: the caller's trace id, no span id
    json = format(new LogRecord(Level.INFO, "after it"));
    assertEquals("0af7651916cd43dd8448eb211c80319c", json.getString("traceId"));
    assertFalse(json.containsKey("spanId"));
    // a span whose trace is not kept is not named (no trace store has it)
    Span unsampled =
        Span.wrap(
            SpanContext.create(trace, spanId, TraceFlags.getDefault(), TraceState.getDefault()));
    try (Scope ignored = unsampled.makeCurrent()) {
      json = format(new LogRecord(Level.INFO, "in an unsampled span"));
    }
    assertEquals("0af7651916cd43dd8448eb211c80319c", json.getString("traceId"));
    // traces not exported: no span is named (its trace exists nowhere)
    Tracing.exported(false);
    try (Scope ignored = span.makeCurrent()) {
      json = format(new LogRecord(Level.INFO, "traces off"));
    }
    assertEquals("0af7651916cd43dd8448eb211c80319c", json.getString("traceId"));
    assertFalse(json.containsKey("spanId"));
    Tracing.exported(true);
    // the request's server span, handed over after matching
    LogContext.traced(trace, spanId);
    json = format(new LogRecord(Level.INFO, "the access line"));
    assertEquals(trace, json.getString("traceId"));
    assertEquals(spanId, json.getString("spanId"));
  }

  @Test
  void aLineOutsideARequestHasTheRecordsFieldsOnly() {
    LogRecord record = new LogRecord(Level.WARNING, "Lead {0} \"moved\"\nto {1}");
    record.setLoggerName("dev.forecourt.sales");
    record.setParameters(new Object[] {42, "WON"});
    JsonObject json = format(record);
    assertEquals("WARNING", json.getString("level"));
    assertEquals("dev.forecourt.sales", json.getString("logger"));
    assertEquals("Lead 42 \"moved\"\nto WON", json.getString("message"));
    assertEquals("node-1", json.getString("node"));
    assertFalse(json.containsKey("correlationId"));
    assertFalse(json.containsKey("user"));
  }

  @Test
  void aLineWithinARequestCarriesItsIdsAndAMapParameterBecomesFields() {
    LogContext.enter("corr-1", "4bf92f3577b34da6a3ce929d0e0e4736", "manager");
    LogRecord record = new LogRecord(Level.INFO, "access");
    record.setLoggerName(JsonLog.ACCESS);
    record.setParameters(
        new Object[] {Map.of("method", "GET", "status", 200, "durationMillis", 1.5)});
    JsonObject json = format(record);
    assertEquals("access", json.getString("message"));
    assertEquals("corr-1", json.getString("correlationId"));
    assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", json.getString("traceId"));
    assertEquals("manager", json.getString("user"));
    assertEquals("GET", json.getString("method"));
    assertEquals(200, json.getInt("status"));
    assertEquals(1.5, json.getJsonNumber("durationMillis").doubleValue());
  }

  @Test
  void anExceptionAddsItsClassMessageAndStackTrace() {
    LogRecord record = new LogRecord(Level.SEVERE, "failed");
    record.setLoggerName("dev.forecourt.x");
    record.setThrown(new IllegalStateException("broken"));
    JsonObject json = format(record);
    assertEquals("java.lang.IllegalStateException: broken", json.getString("error"));
    assertTrue(json.getString("stackTrace").contains("JsonLogFormatterTest"));
  }
}
