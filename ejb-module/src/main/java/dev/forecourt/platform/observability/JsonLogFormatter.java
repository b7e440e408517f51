package dev.forecourt.platform.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One JSON object per line: {@code timestamp}, {@code level}, {@code logger}, {@code message},
 * {@code thread}, {@code node}, when logged during an API request {@code correlationId} and {@code
 * user} ({@link LogContext}), and the {@code traceId} and {@code spanId} of the current span when
 * its trace is kept (sampled: it can be found in the trace store), else the request's (its server
 * span's, or the caller's trace id from {@code traceparent}); a {@link Map} passed as the record's
 * only parameter adds its entries as fields (the access log's method, endpoint, status, duration);
 * a thrown exception adds {@code error} (its class and message) and {@code stackTrace}.
 */
public class JsonLogFormatter extends Formatter {

  private final String node;

  /** Made once: {@code Json.createGenerator} looks the JSON-P provider up at every call. */
  private final JsonGeneratorFactory generators = Json.createGeneratorFactory(Map.of());

  public JsonLogFormatter(String node) {
    this.node = node;
  }

  @Override
  public String format(LogRecord record) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator json = generators.createGenerator(out)) {
      json.writeStartObject();
      json.write("timestamp", Instant.ofEpochMilli(record.getMillis()).toString());
      json.write("level", record.getLevel().getName());
      json.write("logger", String.valueOf(record.getLoggerName()));
      Object[] parameters = record.getParameters();
      boolean fields = parameters != null && parameters.length == 1 && parameters[0] instanceof Map;
      json.write("message", fields ? String.valueOf(record.getMessage()) : formatMessage(record));
      json.write("thread", Thread.currentThread().getName());
      json.write("node", node);
      LogContext.Context context = LogContext.current();
      SpanContext span = Span.current().getSpanContext();
      if (context != null) {
        writeIfSet(json, "correlationId", context.correlationId());
      }
      if (Tracing.on() && span.isSampled()) {
        json.write("traceId", span.getTraceId());
        json.write("spanId", span.getSpanId());
      } else if (context != null) {
        writeIfSet(json, "traceId", context.traceId());
        writeIfSet(json, "spanId", context.spanId());
      }
      if (context != null) {
        writeIfSet(json, "user", context.user());
      }
      if (fields) {
        for (Map.Entry<?, ?> field : ((Map<?, ?>) parameters[0]).entrySet()) {
          String name = String.valueOf(field.getKey());
          Object value = field.getValue();
          if (value == null) {
            json.writeNull(name);
          } else if (value instanceof Integer || value instanceof Long) {
            json.write(name, ((Number) value).longValue());
          } else if (value instanceof Number n) {
            json.write(name, n.doubleValue());
          } else {
            json.write(name, value.toString());
          }
        }
      }
      Throwable thrown = record.getThrown();
      if (thrown != null) {
        json.write("error", thrown.getClass().getName() + ": " + thrown.getMessage());
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        json.write("stackTrace", trace.toString());
      }
      json.writeEnd();
    }
    return out.append('\n').toString();
  }

  private static void writeIfSet(JsonGenerator json, String name, String value) {
    if (value != null) {
      json.write(name, value);
    }
  }
}
