package dev.forecourt.platform.persistence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL statements one API request sent to the database, counted on the request's thread: how
 * many, which were slower than a threshold, and which statement was repeated most (the mark of an
 * N+1: one query, then one more per row). The JPA provider's hook ({@link HibernateStatementWatch})
 * reports each statement; the request filter begins the trace and ends it. Statements on a thread
 * without a trace (timers, message-driven beans) are not counted.
 *
 * <p>Only the statement text the provider prepared is kept, with its parameters as placeholders
 * (values are never part of it; {@link #shape} also blanks any quoted literal).
 */
public final class StatementTrace {

  private static final ThreadLocal<StatementTrace> CURRENT = new ThreadLocal<>();
  private static final int SLOW_KEPT = 10;
  private static final int SHAPE_LENGTH = 400;
  private static final String BATCH = "(a JDBC batch, last prepared) ";
  private static final Pattern LITERAL = Pattern.compile("'(?:[^']|'')*'");
  private static final Pattern SPACE = Pattern.compile("\\s+");
  private static final Pattern TABLE =
      Pattern.compile("\\b(?:from|into|update)\\s+([a-z_][a-z0-9_.]*)");

  /** A statement slower than the threshold: its shape and how long it took. */
  public record Slow(String statement, long nanos) {}

  /** The statement sent most often, and how often. */
  public record Repeated(String statement, int times) {}

  private final long slowNanos;
  private final Map<String, Integer> sent = new HashMap<>();
  private final List<Slow> slow = new ArrayList<>();
  private String prepared;
  private int statements;

  private StatementTrace(long slowNanos) {
    this.slowNanos = slowNanos;
  }

  /**
   * Starts counting this thread's statements (a trace left over on the thread, e.g. by a request
   * whose end was never seen, is dropped).
   */
  public static void begin(long slowNanos) {
    CURRENT.set(new StatementTrace(slowNanos));
  }

  /** Stops counting; the trace of this thread, or null when none was begun. */
  public static StatementTrace end() {
    StatementTrace trace = CURRENT.get();
    CURRENT.remove();
    return trace;
  }

  /** The provider prepares {@code sql}: the next execution on this thread runs it. */
  static void prepared(String sql) {
    StatementTrace trace = CURRENT.get();
    if (trace != null) {
      trace.prepared = sql;
    }
  }

  /** A statement (or a JDBC batch, {@code batch}) was executed and took {@code nanos}. */
  static void executed(long nanos, boolean batch) {
    StatementTrace trace = CURRENT.get();
    if (trace != null) {
      trace.count(nanos, batch);
    }
  }

  /** Whether this thread counts statements now (the hook skips its timing otherwise). */
  static boolean active() {
    return CURRENT.get() != null;
  }

  private void count(long nanos, boolean batch) {
    statements++;
    String sql = prepared == null ? "(unknown statement)" : prepared;
    if (batch) {
      sql = BATCH + sql;
    }
    sent.merge(sql, 1, Integer::sum);
    if (nanos > slowNanos && slow.size() < SLOW_KEPT) {
      slow.add(new Slow(shape(sql), nanos));
    }
  }

  /** Statements (and batches) executed. */
  public int statements() {
    return statements;
  }

  /** The statements slower than the threshold (at most {@value #SLOW_KEPT}). */
  public List<Slow> slow() {
    return List.copyOf(slow);
  }

  /** The statement executed most often; null when none was. */
  public Repeated mostRepeated() {
    return sent.entrySet().stream()
        .max(Map.Entry.comparingByValue())
        .map(e -> new Repeated(shape(e.getKey()), e.getValue()))
        .orElse(null);
  }

  /**
   * A statement's shape: whitespace collapsed, quoted literals replaced by {@code ?}, at most
   * {@value #SHAPE_LENGTH} characters.
   */
  public static String shape(String sql) {
    String s = SPACE.matcher(LITERAL.matcher(sql).replaceAll("?")).replaceAll(" ").trim();
    return s.length() <= SHAPE_LENGTH ? s : s.substring(0, SHAPE_LENGTH) + "…";
  }

  /**
   * A short name of a statement for a metric label: its verb and first table, e.g. {@code select
   * vehicle}, {@code insert lead}.
   */
  public static String kind(String shape) {
    String s = shape.replace(BATCH, "").toLowerCase(Locale.ROOT);
    String verb = s.split(" ", 2)[0];
    Matcher table = TABLE.matcher(s);
    return table.find() ? verb + " " + table.group(1) : verb;
  }
}
