package dev.forecourt.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's report files, drawn headless from made-up figures. */
class BenchReportIT {

  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

  @Test
  void writesTheTableTheFiguresAndTwoPlots(@TempDir Path dir) throws Exception {
    List<BenchReport.Row> rows =
        List.of(
            new BenchReport.Row("GET /bare/constant", "bare", 9000, 1.2, 5.5, 11.0, 1.0, 0.15, 0),
            new BenchReport.Row(
                "GET /api/v1/ping", "filters", 3000, 4.1, 16.0, 26.4, 0.33, 0.56, 0));
    BenchReport.write(dir, "made-up figures", rows);

    String md = Files.readString(dir.resolve("report.md"));
    assertTrue(
        md.contains("| 2 | `GET /api/v1/ping` (filters) | 3000 | 4.10 | 16.00 | 26.40 | 0.33 |"),
        md);
    assertTrue(md.contains("![p99 latency](p99.png)"), md);
    String json = Files.readString(dir.resolve("report.json"));
    assertTrue(json.contains("\"requestsPerSecond\" : 3000.0"), json);
    for (String plot : List.of("throughput.png", "p99.png")) {
      byte[] head = Arrays.copyOf(Files.readAllBytes(dir.resolve(plot)), 4);
      assertArrayEquals(PNG, head, plot);
    }
  }

  @Test
  void appendsTheSearchAtScaleWithItsPlot(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("report.md"), "# Benchmark report\n");
    List<BenchReport.ScaleRow> rows =
        List.of(
            new BenchReport.ScaleRow("first page", 10_000, 900, 8.0, 20.0, 30.0),
            new BenchReport.ScaleRow("first page", 1_000_000, 850, 9.0, 25.0, 40.0));
    String text = BenchReport.writeScale(dir, rows, 321.4);

    String md = Files.readString(dir.resolve("report.md"));
    assertTrue(md.startsWith("# Benchmark report\n"), md);
    assertTrue(md.contains("| first page | 1000000 | 850 | 9.00 | 25.00 | 40.00 | 1.25 |"), md);
    assertTrue(md.contains("after the largest catalogue's run and a full GC: 321 MiB"), md);
    assertTrue(md.endsWith(text), md);
    assertTrue(Files.readString(dir.resolve("scale.json")).contains("\"heapUsedMiB\" : 321.4"));
    byte[] head = Arrays.copyOf(Files.readAllBytes(dir.resolve("search-p95.png")), 4);
    assertArrayEquals(PNG, head);
  }
}
