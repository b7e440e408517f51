package dev.forecourt.systemtest.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * A trace collector as the server sees one: OTLP over HTTP ({@code POST /v1/traces}, protobuf, gzip
 * or not), decoded with the OpenTelemetry protocol's own classes. It keeps every span received,
 * flattened to what a test asserts: ids, parent, name, kind, status, attributes and the exporting
 * service.
 */
public final class OtlpReceiver implements AutoCloseable {

  /** One span as received. Ids in lower-case hex; {@code parentSpanId} empty for a root span. */
  public record ReceivedSpan(
      String traceId,
      String spanId,
      String parentSpanId,
      String name,
      String kind,
      String status,
      Map<String, String> attributes,
      String service) {}

  private static final HexFormat HEX = HexFormat.of();

  private final HttpServer server;
  private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

  public OtlpReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/v1/traces", this::handle);
    server.start();
  }

  /**
   * The endpoint to configure ({@code otel.exporter.otlp.endpoint}: without {@code /v1/traces}).
   */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The spans of {@code traceId} received so far. */
  public List<ReceivedSpan> trace(String traceId) {
    return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      InputStream body = exchange.getRequestBody();
      if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
        body = new GZIPInputStream(body);
      }
      ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
      for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
        String service = attributes(resourceSpans.getResource()).get("service.name");
        for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
          for (io.opentelemetry.proto.trace.v1.Span span : scopeSpans.getSpansList()) {
            spans.add(
                new ReceivedSpan(
                    HEX.formatHex(span.getTraceId().toByteArray()),
                    HEX.formatHex(span.getSpanId().toByteArray()),
                    HEX.formatHex(span.getParentSpanId().toByteArray()),
                    span.getName(),
                    span.getKind().name(),
                    span.getStatus().getCode().name(),
                    attributes(span.getAttributesList()),
                    service));
          }
        }
      }
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, -1);
    }
  }

  private static Map<String, String> attributes(Resource resource) {
    return attributes(resource.getAttributesList());
  }

  private static Map<String, String> attributes(List<KeyValue> list) {
    Map<String, String> map = new LinkedHashMap<>();
    for (KeyValue kv : list) {
      map.put(kv.getKey(), text(kv.getValue()));
    }
    return map;
  }

  private static String text(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> String.valueOf(value.getBoolValue());
      case INT_VALUE -> String.valueOf(value.getIntValue());
      case DOUBLE_VALUE -> String.valueOf(value.getDoubleValue());
      default -> value.toString();
    };
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
