package dev.forecourt.platform.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JsonLogFormatterTest {

  private final JsonLogFormatter formatter = new JsonLogFormatter("node-1");

  @AfterEach
  void leave() {
    LogContext.leave();
  }

  private JsonObject format(LogRecord record) {
    String line = formatter.format(record);
    assertTrue(line.endsWith("\n") && line.indexOf('\n') == line.length() - 1, line);
    return Json.createReader(new StringReader(line)).readObject();
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
