package dev.forecourt.platform.observability;

import dev.forecourt.platform.persistence.StatementSpans;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The one place of trace context handling (MicroProfile Telemetry's OpenTelemetry). The server
 * makes the span of each API request (from the caller's {@code traceparent}); this carries the
 * context where no thread does, as a W3C {@code traceparent}: into the outbox row of an event and
 * onto the job messages sent for it, and out to webhook receivers. It starts the spans the server
 * does not make: a job's processing (a consumer span whose parent is the context the job carries)
 * and an outbound call (a client span). A context is carried only when its trace is sampled: an
 * unsampled or missing one is not written anywhere.
 */
@ApplicationScoped
public class Tracing {

  /** The W3C header, job message property and outbox column. */
  public static final String TRACEPARENT = "traceparent";

  private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

  private static final TextMapGetter<String> ONE_HEADER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String traceparent) {
          return List.of(TRACEPARENT);
        }

        @Override
        public String get(String traceparent, String key) {
          return TRACEPARENT.equals(key) ? traceparent : null;
        }
      };

  private static final Tracer NO_OP = OpenTelemetry.noop().getTracer("dev.forecourt");

  /**
   * Whether traces are exported ({@code otel.sdk.disabled=false}). When they are not, Payara still
   * gives the application an SDK that samples and records every span and exports none: then this
   * makes no span, carries no context and names no trace id anywhere.
   */
  private static volatile boolean exported;

  @Inject Tracer tracer;

  /** Reads the switch; the statements' spans (the JPA hook) get the application's tracer. */
  void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
    exported(
        !ConfigProvider.getConfig()
            .getOptionalValue("otel.sdk.disabled", Boolean.class)
            .orElse(true));
    StatementSpans.use(exported ? tracer : null);
  }

  void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object stopping) {
    StatementSpans.use(null);
  }

  static void exported(boolean on) {
    exported = on;
  }

  /** Whether traces are exported, so that a sampled span's ids can be found in the trace store. */
  public static boolean on() {
    return exported;
  }

  /** The current span's context as a W3C {@code traceparent}; null when no sampled span is. */
  public static String traceparent() {
    if (!exported || !Span.current().getSpanContext().isSampled()) {
      return null;
    }
    Map<String, String> carrier = new HashMap<>(2);
    W3C.inject(Context.current(), carrier, Map::put);
    return carrier.get(TRACEPARENT);
  }

  /** {@code request} with the current trace context, when a sampled span is current. */
  public static HttpRequest withTraceContext(HttpRequest request) {
    String traceparent = traceparent();
    return traceparent == null
        ? request
        : HttpRequest.newBuilder(request, (name, value) -> true)
            .setHeader(TRACEPARENT, traceparent)
            .build();
  }

  /**
   * A span of {@code kind}, child of the context {@code traceparent} carries (a job's), or of the
   * current span when {@code traceparent} is null; not yet current.
   */
  public SpanBuilder span(String name, SpanKind kind, String traceparent) {
    SpanBuilder span = (exported ? tracer : NO_OP).spanBuilder(name).setSpanKind(kind);
    if (traceparent != null) {
      span.setParent(W3C.extract(Context.root(), traceparent, ONE_HEADER));
    }
    return span;
  }

  /** Marks {@code span} failed by {@code error}: its type only (a message may hold data). */
  public static void failed(Span span, Throwable error) {
    span.setStatus(StatusCode.ERROR, error.getClass().getSimpleName());
    span.setAttribute("exception.type", error.getClass().getName());
  }
}
