package dev.forecourt.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The benchmark's report as files beside the text one: {@code report.md} (the table and the plots),
 * {@code report.json} (the same figures for tools) and two PNG plots drawn with XChart — throughput
 * as a ratio to the bare WAR and p99 latency, per endpoint.
 */
final class BenchReport {

  /** One measured endpoint. */
  record Row(
      String endpoint,
      String what,
      double requestsPerSecond,
      double p50Millis,
      double p95Millis,
      double p99Millis,
      double ratioToBare,
      double cpuMillisPerRequest,
      long socketErrors) {}

  /** One search measured at one catalogue size. */
  record ScaleRow(
      String search,
      int rows,
      double requestsPerSecond,
      double p50Millis,
      double p95Millis,
      double p99Millis) {}

  /** What scale.json holds. */
  record ScaleDocument(String measuredAt, List<ScaleRow> searches, double heapUsedMiB) {}

  /** One setting of the server tuning part: the restart it took, the two reads measured. */
  record TuningRow(
      String variant,
      String what,
      double restartSeconds,
      double hitRequestsPerSecond,
      double hitP99Millis,
      double hitCpuMillisPerRequest,
      double allIdsRequestsPerSecond,
      double allIdsP99Millis,
      double allIdsCpuMillisPerRequest) {}

  /** A start or restart, timed. */
  record StartRow(String what, double seconds, String detail) {}

  /** What tuning.json holds. */
  record TuningDocument(String measuredAt, List<TuningRow> variants, List<StartRow> restarts) {}

  /** What the JSON holds. */
  record Document(String measuredAt, String setUp, List<Row> endpoints) {}

  private BenchReport() {}

  /** Writes report.md, report.json, throughput.png and p99.png into {@code dir}. */
  static void write(Path dir, String setUp, List<Row> rows) throws IOException {
    Files.createDirectories(dir);
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(
            dir.resolve("report.json").toFile(),
            new Document(Instant.now().toString(), setUp, rows));
    plot(
        dir.resolve("throughput.png"),
        "Throughput relative to the bare WAR (same server, same run)",
        "req/s ÷ bare WAR",
        rows,
        Row::ratioToBare);
    plot(dir.resolve("p99.png"), "p99 latency", "ms", rows, Row::p99Millis);

    StringBuilder md = new StringBuilder();
    md.append("# Benchmark report\n\n").append(setUp).append("\n\n");
    md.append(
        "| # | endpoint | req/s | p50 ms | p95 ms | p99 ms | req/s vs bare | CPU ms/request |"
            + " socket errors |\n");
    md.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      md.append(
          String.format(
              Locale.ROOT,
              "| %d | `%s` (%s) | %.0f | %.2f | %.2f | %.2f | %.2f | %.3f | %d |%n",
              i + 1,
              r.endpoint(),
              r.what(),
              r.requestsPerSecond(),
              r.p50Millis(),
              r.p95Millis(),
              r.p99Millis(),
              r.ratioToBare(),
              r.cpuMillisPerRequest(),
              r.socketErrors()));
    }
    md.append("\n![throughput relative to the bare WAR](throughput.png)\n");
    md.append("\n![p99 latency](p99.png)\n");
    Files.writeString(dir.resolve("report.md"), md.toString());
  }

  /**
   * Writes scale.json and search-p95.png (p95 per search against the catalogue size, both axes
   * logarithmic), appends the table to report.md; answers the table as text.
   */
  static String writeScale(Path dir, List<ScaleRow> rows, double heapUsedMiB) throws IOException {
    Files.createDirectories(dir);
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(
            dir.resolve("scale.json").toFile(),
            new ScaleDocument(Instant.now().toString(), rows, heapUsedMiB));
    XYChart chart =
        new XYChartBuilder()
            .width(1000)
            .height(520)
            .title("Search p95 against the catalogue size (response-cache misses)")
            .xAxisTitle("vehicles in the catalogue")
            .yAxisTitle("p95 ms")
            .build();
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setYAxisMin(0.0); // flat is flat: no zoom into the noise
    chart.getStyler().setChartTitleBoxVisible(false);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    StringBuilder md = new StringBuilder();
    md.append("## Search at scale\n\n");
    md.append("| search | rows | req/s | p50 ms | p95 ms | p99 ms | p95 vs smallest |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (String search : rows.stream().map(ScaleRow::search).distinct().toList()) {
      List<ScaleRow> series = rows.stream().filter(r -> r.search().equals(search)).toList();
      if (series.size() > 1) { // a curve; a search measured at one size is in the table only
        chart.addSeries(
            search,
            series.stream().mapToDouble(ScaleRow::rows).toArray(),
            series.stream().mapToDouble(ScaleRow::p95Millis).toArray());
      }
      for (ScaleRow r : series) {
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %d | %.0f | %.2f | %.2f | %.2f | %.2f |%n",
                r.search(),
                r.rows(),
                r.requestsPerSecond(),
                r.p50Millis(),
                r.p95Millis(),
                r.p99Millis(),
                r.p95Millis() / series.get(0).p95Millis()));
      }
    }
    BitmapEncoder.saveBitmap(
        chart, dir.resolve("search-p95.png").toString(), BitmapEncoder.BitmapFormat.PNG);
    md.append(
        String.format(
            Locale.ROOT,
            "%nHeap in use after the largest catalogue's run and a full GC: %.0f MiB.%n",
            heapUsedMiB));
    md.append("\n![search p95 against the catalogue size](search-p95.png)\n");
    return appendMarkdown(dir, md);
  }

  /** Appends the server tuning part to report.md and writes tuning.json; returns the markdown. */
  static String writeTuning(Path dir, List<TuningRow> rows, List<StartRow> restarts)
      throws IOException {
    Files.createDirectories(dir);
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(
            dir.resolve("tuning.json").toFile(),
            new TuningDocument(Instant.now().toString(), rows, restarts));
    StringBuilder md = new StringBuilder("## Server tuning\n\n");
    md.append(
        "Signed-in reads of `GET /api/v1/vehicles/{id}`: the hot set (response-cache hits) and all"
            + " ids (mostly misses: the database path); each variant after a restart of the domain"
            + " and a warm-up; the restart column times configure-domain.sh (it restarts the domain"
            + " when a start-up setting changed; else stop-domain + start-domain) until ready.\n\n");
    md.append(
        "| variant | setting | applied + restarted, s | hit req/s | hit p99 ms | hit CPU ms/req |"
            + " all ids req/s | all ids p99 ms | all ids CPU ms/req |\n");
    md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (TuningRow r : rows) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %.1f | %.0f | %.1f | %.3f | %.0f | %.1f | %.3f |%n",
              r.variant(),
              r.what(),
              r.restartSeconds(),
              r.hitRequestsPerSecond(),
              r.hitP99Millis(),
              r.hitCpuMillisPerRequest(),
              r.allIdsRequestsPerSecond(),
              r.allIdsP99Millis(),
              r.allIdsCpuMillisPerRequest()));
    }
    md.append('\n');
    return appendMarkdown(dir, md.append(starts(restarts)));
  }

  /** Appends the run command's starts to report.md; returns the markdown. */
  static String writeStarts(Path dir, List<StartRow> starts) throws IOException {
    return appendMarkdown(
        dir, new StringBuilder("## Start and restart\n\n").append(starts(starts)));
  }

  private static String starts(List<StartRow> starts) {
    StringBuilder md = new StringBuilder("| start | seconds | |\n|---|---:|---|\n");
    for (StartRow r : starts) {
      md.append(
          String.format(Locale.ROOT, "| %s | %.1f | %s |%n", r.what(), r.seconds(), r.detail()));
    }
    return md.toString();
  }

  private static String appendMarkdown(Path dir, CharSequence md) throws IOException {
    Path report = dir.resolve("report.md");
    Files.writeString(
        report,
        (Files.exists(report) ? Files.readString(report) + "\n" : "") + md,
        java.nio.charset.StandardCharsets.UTF_8);
    return md.toString();
  }

  private static void plot(
      Path file,
      String title,
      String axis,
      List<Row> rows,
      java.util.function.ToDoubleFunction<Row> value)
      throws IOException {
    CategoryChart chart =
        new CategoryChartBuilder().width(1000).height(520).title(title).yAxisTitle(axis).build();
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setLabelsVisible(true);
    chart.getStyler().setChartTitleBoxVisible(false);
    chart.getStyler().setPlotGridVerticalLinesVisible(false);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    List<String> labels = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      // numbered as in report.md's table: the same endpoint can be measured twice (the bare WAR)
      labels.add("#" + (i + 1));
      values.add(Math.round(value.applyAsDouble(rows.get(i)) * 100) / 100.0);
    }
    chart.addSeries(axis, labels, values);
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
  }
}
