package dev.forecourt.systemtest.support;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The plans PostgreSQL chose for the statements the deployed application ran: auto_explain (loaded
 * by the harness, off by default) logs every statement's plan as JSON while {@link #during} runs,
 * read back from PostgreSQL's JSON log. What the application sent, with the statistics of the
 * moment, not a hand-written copy of its SQL.
 */
public final class QueryPlans {

  private QueryPlans() {}

  /**
   * A plan: the statement's text (with {@code $n} placeholders) and its node tree.
   *
   * @param query the statement as the application sent it
   * @param root the plan's top node (auto_explain's {@code Plan})
   */
  public record Plan(String query, Map<String, Object> root) {

    /** Every node of the tree, top first. */
    public List<Map<String, Object>> nodes() {
      List<Map<String, Object>> all = new ArrayList<>();
      collect(root, all);
      return all;
    }

    /** The nodes that read {@code table} ({@code Relation Name}). */
    public List<Map<String, Object>> scansOf(String table) {
      return nodes().stream().filter(n -> table.equals(n.get("Relation Name"))).toList();
    }

    @SuppressWarnings("unchecked")
    private static void collect(Map<String, Object> node, List<Map<String, Object>> all) {
      all.add(node);
      Object children = node.get("Plans");
      if (children instanceof List<?> list) {
        list.forEach(c -> collect((Map<String, Object>) c, all));
      }
    }
  }

  /** Runs {@code action} with every statement's plan logged; answers the plans logged. */
  public static List<Plan> during(Runnable action) {
    Path log = logFile();
    long offset = size(log);
    set("0");
    try {
      action.run();
      Harness.sleep(500); // the logging collector writes behind
    } finally {
      set("-1");
    }
    List<Plan> plans = new ArrayList<>();
    for (String line : read(log, offset)) {
      String message = JsonPath.from(line).getString("message");
      int start = message == null ? -1 : message.indexOf("plan:\n");
      if (start >= 0) {
        Map<String, Object> plan =
            JsonPath.from(message.substring(start + "plan:\n".length())).getMap("$");
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) plan.get("Plan");
        plans.add(new Plan((String) plan.get("Query Text"), root));
      }
    }
    return plans;
  }

  private static void set(String minDuration) {
    try (Connection c = ForecourtServer.superuser().getConnection();
        Statement s = c.createStatement()) {
      s.execute("ALTER SYSTEM SET auto_explain.log_min_duration = " + minDuration);
      s.execute("SELECT pg_reload_conf()");
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot set auto_explain.log_min_duration", e);
    }
    Harness.sleep(500); // each session applies the reload before its next statement
  }

  private static Path logFile() {
    try (Connection c = ForecourtServer.superuser().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT current_setting('data_directory')")) {
      rs.next();
      Path dir = Path.of(rs.getString(1), "log");
      try (Stream<Path> files = Files.list(dir)) {
        return files
            .filter(f -> f.toString().endsWith(".json"))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("No JSON log under " + dir));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> read(Path file, long offset) {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      byte[] bytes = new byte[(int) (f.length() - offset)];
      f.seek(offset);
      f.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
