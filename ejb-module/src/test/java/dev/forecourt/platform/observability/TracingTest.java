package dev.forecourt.platform.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TracingTest {

  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN = "00f067aa0ba902b7";

  @BeforeEach
  void tracesExported() {
    Tracing.exported(true);
  }

  @AfterEach
  void tracesOff() {
    Tracing.exported(false);
  }

  @Test
  void nothingIsCarriedWhenTracesAreNotExported() {
    Tracing.exported(false);
    try (Scope ignored = span(TraceFlags.getSampled()).makeCurrent()) {
      // (Payara's SDK for an application without traces samples and records every span)
      assertNull(Tracing.traceparent());
    }
  }

  private static Span span(TraceFlags flags) {
    return Span.wrap(SpanContext.create(TRACE, SPAN, flags, TraceState.getDefault()));
  }

  @Test
  void aSampledCurrentSpanIsCarriedAsAW3cTraceparent() {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1/hook")).build();
    try (Scope ignored = span(TraceFlags.getSampled()).makeCurrent()) {
      assertEquals("00-" + TRACE + "-" + SPAN + "-01", Tracing.traceparent());
      assertEquals(
          "00-" + TRACE + "-" + SPAN + "-01",
          Tracing.withTraceContext(request).headers().firstValue("traceparent").orElseThrow());
    }
  }

  @Test
  void noSpanOrAnUnsampledOneIsNotCarried() {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1/hook")).build();
    assertNull(Tracing.traceparent());
    assertSame(request, Tracing.withTraceContext(request));
    try (Scope ignored = span(TraceFlags.getDefault()).makeCurrent()) {
      assertNull(Tracing.traceparent());
      assertFalse(
          Tracing.withTraceContext(request).headers().firstValue("traceparent").isPresent());
    }
  }

  @Test
  void aJobsSpanIsAChildOfTheContextTheJobCarries() {
    Tracing tracing = new Tracing();
    tracing.tracer = OpenTelemetry.noop().getTracer("test");
    // the no-op tracer's span is its parent's context: the carried one, not the current one
    try (Scope ignored = span(TraceFlags.getSampled()).makeCurrent()) {
      SpanContext child =
          tracing
              .span(
                  "webhooks process",
                  SpanKind.CONSUMER,
                  "00-" + TRACE + "-" + "b7ad6b7169203331" + "-01")
              .startSpan()
              .getSpanContext();
      assertEquals(TRACE, child.getTraceId());
      assertEquals("b7ad6b7169203331", child.getSpanId());
      // without one: the current span's
      assertEquals(
          SPAN,
          tracing.span("x", SpanKind.INTERNAL, null).startSpan().getSpanContext().getSpanId());
    }
  }
}
