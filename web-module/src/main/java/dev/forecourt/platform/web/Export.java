package dev.forecourt.platform.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * A download of every matching row, CSV (RFC 4180, {@link Csv}) or NDJSON (one JSON object per
 * line), streamed page by page as it is read: one page in memory at a time, each page read in a
 * transaction of its own. The first page is read before the answer starts, so that a refusal (bad
 * input, no access) is still a problem answer, not a cut stream. Compression is the server's (gzip
 * above 1 KiB when asked for).
 */
public final class Export {

  public static final String CSV = "text/csv";
  public static final String NDJSON = "application/x-ndjson";

  private Export() {}

  /**
   * A page of rows and how to read the next one ({@code null} on the last page).
   *
   * @param <T> the row type
   */
  public record Pages<T>(List<T> items, Supplier<Pages<T>> next) {

    /**
     * Pages of a keyset read by a descending or ascending {@code long} key: {@code after} reads the
     * page that follows a key; a page shorter than {@code size} is the last.
     */
    public static <T> Pages<T> keyset(
        List<T> page, int size, Function<T, Long> key, LongFunction<List<T>> after) {
      if (page.size() < size) {
        return new Pages<>(page, null);
      }
      long last = key.apply(page.get(page.size() - 1));
      return new Pages<>(page, () -> keyset(after.apply(last), size, key, after));
    }
  }

  /**
   * The streamed answer: NDJSON when the client's {@code Accept} names it, CSV (with a header row
   * of {@code columns}, each row from {@code row}) otherwise; {@code file} without its extension
   * names the attachment.
   */
  public static <T> Response of(
      String accept, String file, String[] columns, Function<T, Object[]> row, Pages<T> first) {
    boolean ndjson = accept != null && accept.contains(NDJSON);
    StreamingOutput body =
        out -> {
          Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
          if (!ndjson) {
            Csv.row(w, (Object[]) columns);
          }
          for (Pages<T> page = first; page != null; ) {
            for (T item : page.items()) {
              if (ndjson) {
                w.write(CachedResponses.json(item));
                w.write('\n');
              } else {
                Csv.row(w, row.apply(item));
              }
            }
            w.flush();
            page = page.next() == null ? null : page.next().get();
          }
        };
    String name = file + (ndjson ? ".ndjson" : ".csv");
    return Response.ok(body, (ndjson ? NDJSON : CSV) + "; charset=UTF-8")
        .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
        .build();
  }
}
