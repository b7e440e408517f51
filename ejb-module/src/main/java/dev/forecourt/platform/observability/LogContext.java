package dev.forecourt.platform.observability;

/**
 * What the log lines written on this thread belong to: the API request's correlation id, its W3C
 * trace id (the caller's, from {@code traceparent}; or its server span's ids, when it is traced)
 * and the signed-in user. Set by the web tier's correlation filter when a request begins and
 * cleared when its answer leaves; read by {@link JsonLogFormatter}, which formats on the logging
 * thread (Payara's own file handler formats later, on its writer thread, where this is no longer
 * known).
 */
public final class LogContext {

  /** The context of one request. */
  public record Context(String correlationId, String traceId, String spanId, String user) {}

  private static final ThreadLocal<Context> CURRENT = new ThreadLocal<>();

  private LogContext() {}

  public static void enter(String correlationId, String traceId, String user) {
    CURRENT.set(new Context(correlationId, traceId, null, user));
  }

  /**
   * The request is traced (kept): its server span's ids, for the lines written where that span is
   * no longer current (the access line, after the resource method).
   */
  public static void traced(String traceId, String spanId) {
    Context context = CURRENT.get();
    if (context != null) {
      CURRENT.set(new Context(context.correlationId(), traceId, spanId, context.user()));
    }
  }

  public static void leave() {
    CURRENT.remove();
  }

  /** This thread's context, or null outside a request. */
  public static Context current() {
    return CURRENT.get();
  }
}
