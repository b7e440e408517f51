package dev.forecourt.systemtest.support;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the server's {@code /metrics} (Prometheus text) and sums the samples of one series. */
public final class Metrics {

  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private Metrics() {}

  /** The metrics text of the shared server (on WildFly: its management port's Prometheus). */
  public static String scrape() {
    return read(ForecourtServer.metricsUri());
  }

  /** The {@code /metrics} text of the server at {@code base}. */
  public static String scrape(java.net.URI base) {
    return read(base.resolve("/metrics"));
  }

  /** The Prometheus text at {@code metrics}. */
  public static String read(java.net.URI metrics) {
    return given().get(metrics).then().statusCode(200).extract().asString();
  }

  /**
   * The sum of the samples named {@code name} whose labels include all of {@code labels}; 0 if
   * none.
   */
  public static double sum(String name, Map<String, String> labels) {
    return sum(scrape(), name, labels);
  }

  public static double sum(String text, String name, Map<String, String> labels) {
    // Payara lists the base-scope series twice in the unscoped /metrics: count each series once
    Map<String, Double> series = new java.util.HashMap<>();
    for (String line : text.split("\n")) {
      Matcher m = SAMPLE.matcher(line);
      if (line.startsWith("#") || !m.find() || !m.group(1).equals(name)) {
        continue;
      }
      String labelText = m.group(3) == null ? "" : m.group(3);
      boolean matches =
          labels.entrySet().stream().allMatch(e -> hasLabel(labelText, e.getKey(), e.getValue()));
      if (matches) {
        series.put(labelText, Double.parseDouble(m.group(4)));
      }
    }
    return series.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  private static boolean hasLabel(String labelText, String key, String value) {
    Matcher m = LABEL.matcher(labelText);
    while (m.find()) {
      if (m.group(1).equals(key) && m.group(2).equals(value)) {
        return true;
      }
    }
    return false;
  }
}
