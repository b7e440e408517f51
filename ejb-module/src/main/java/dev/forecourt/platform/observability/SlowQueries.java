package dev.forecourt.platform.observability;

import dev.forecourt.platform.cache.ApplicationCaches;
import dev.forecourt.platform.metrics.Meters;
import dev.forecourt.platform.persistence.StatementTrace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each API request asked of the database ({@link StatementTrace}), recorded by the request
 * filter: {@code forecourt_db_statements_total{method,endpoint}} (statements per endpoint: divided
 * by the requests, the statements a request sends), {@code
 * forecourt_db_slow_statements_total{method,endpoint,statement}} (statements slower than {@code
 * forecourt.db.slow-statement}; {@code statement} is the verb and first table, e.g. {@code select
 * vehicle}) and {@code forecourt_db_statement_heavy_requests_total{method,endpoint}} (requests that
 * sent more than {@code forecourt.db.statements-per-request}: N+1 suspects). The latest {@value
 * #KEPT} of each kind are kept on this node, with the statement's shape (placeholders, never
 * values) and the request's correlation id, for {@code GET /api/v1/admin/slow-queries}.
 */
@ApplicationScoped
public class SlowQueries {

  static final int KEPT = 50;

  /** A slow statement of a request. */
  public record SlowStatement(
      Instant at,
      String method,
      String endpoint,
      String statement,
      double millis,
      String correlationId) {}

  /** A request that sent more statements than the limit, and the statement it repeated most. */
  public record HeavyRequest(
      Instant at,
      String method,
      String endpoint,
      int statements,
      String mostRepeated,
      int repeated,
      String correlationId) {}

  /** The latest of both, newest first, on this node. */
  public record Listing(
      String node,
      double slowStatementMillis,
      int statementsPerRequest,
      List<SlowStatement> slowStatements,
      List<HeavyRequest> heavyRequests) {}

  @Inject Meters meters;

  private final Deque<SlowStatement> slow = new ArrayDeque<>();
  private final Deque<HeavyRequest> heavy = new ArrayDeque<>();
  private final Map<List<String>, Meters.Counter> counters = new ConcurrentHashMap<>();

  /**
   * Records the statements of a request answered by {@code method endpoint}; one that sent more
   * than {@code forecourt.db.statements-per-request} is reported as heavy.
   */
  public void record(String method, String endpoint, String correlationId, StatementTrace trace) {
    if (trace.statements() == 0) {
      return;
    }
    counter("forecourt.db.statements", "Database statements sent by API requests", method, endpoint)
        .inc(trace.statements());
    Instant now = Instant.now();
    for (StatementTrace.Slow s : trace.slow()) {
      counter(
              "forecourt.db.slow.statements",
              "Database statements of API requests slower than forecourt.db.slow-statement",
              method,
              endpoint,
              StatementTrace.kind(s.statement()))
          .inc();
      keep(
          slow,
          new SlowStatement(
              now, method, endpoint, s.statement(), s.nanos() / 1_000_000.0, correlationId));
    }
    // (the limit is at least 1: most requests, with one statement or none, need not read it)
    if (trace.statements() > 1
        && trace.statements() > StatementSettings.STATEMENTS_PER_REQUEST.get()) {
      counter(
              "forecourt.db.statement.heavy.requests",
              "API requests that sent more than forecourt.db.statements-per-request statements",
              method,
              endpoint)
          .inc();
      StatementTrace.Repeated top = trace.mostRepeated();
      keep(
          heavy,
          new HeavyRequest(
              now,
              method,
              endpoint,
              trace.statements(),
              top.statement(),
              top.times(),
              correlationId));
    }
  }

  /** The latest slow statements and heavy requests of this node. */
  public Listing listing(double slowStatementMillis, int statementsPerRequest) {
    synchronized (this) {
      return new Listing(
          ApplicationCaches.nodeName(),
          slowStatementMillis,
          statementsPerRequest,
          List.copyOf(slow),
          List.copyOf(heavy));
    }
  }

  private synchronized <T> void keep(Deque<T> latest, T entry) {
    latest.addFirst(entry);
    if (latest.size() > KEPT) {
      latest.removeLast();
    }
  }

  private Meters.Counter counter(String name, String description, String method, String endpoint) {
    return counter(name, description, method, endpoint, null);
  }

  private Meters.Counter counter(
      String name, String description, String method, String endpoint, String statement) {
    List<String> key =
        statement == null
            ? List.of(name, method, endpoint)
            : List.of(name, method, endpoint, statement);
    return counters.computeIfAbsent(
        key,
        k -> {
          Meters.Tag m = Meters.tag("method", method);
          Meters.Tag e = Meters.tag("endpoint", endpoint);
          return statement == null
              ? meters.counter(name, description, m, e)
              : meters.counter(name, description, m, e, Meters.tag("statement", statement));
        });
  }
}
