package dev.forecourt.platform.persistence;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;

/**
 * A client span per SQL statement executed while a sampled trace is current (MicroProfile
 * Telemetry): named by the statement's kind ({@code select vehicle}), with its shape as {@code
 * db.statement} — placeholders and blanked literals, never a value. Nothing is done for a thread
 * without a sampled trace. It runs in the provider's hook, outside CDI: the application hands it
 * its MicroProfile Telemetry tracer when it starts ({@link #use}); none, no spans (Payara's global
 * OpenTelemetry instance is a no-op one).
 */
public final class StatementSpans {

  private static volatile Tracer tracer;

  /** The statement last prepared on this thread while a sampled trace was current. */
  private static final ThreadLocal<String> PREPARED = new ThreadLocal<>();

  private StatementSpans() {}

  /** The tracer of the application (this library is the application's: one per deployment). */
  public static void use(Tracer applicationTracer) {
    tracer = applicationTracer;
  }

  static void prepared(String sql) {
    // no tracer (traces off): nothing kept, although Payara's SDK then samples every span
    if (tracer != null && Span.current().getSpanContext().isSampled()) {
      PREPARED.set(sql);
    }
  }

  /** The span of the statement about to run on this thread, or null when none is traced. */
  static Span start(boolean batch) {
    String sql = PREPARED.get();
    if (sql == null) {
      return null;
    }
    PREPARED.remove();
    Tracer statements = tracer;
    if (statements == null || !Span.current().getSpanContext().isSampled()) {
      return null;
    }
    String shape = StatementTrace.shape(sql);
    String kind = StatementTrace.kind(shape);
    return statements
        .spanBuilder(kind)
        .setSpanKind(SpanKind.CLIENT)
        .setAttribute("db.operation", kind.split(" ", 2)[0].toUpperCase(java.util.Locale.ROOT))
        .setAttribute("db.statement", shape)
        .setAttribute("forecourt.db.batch", batch)
        .startSpan();
  }
}
