package dev.forecourt.platform.web;

import java.io.IOException;
import java.io.Writer;

/**
 * CSV as the exports write it: RFC 4180 (comma-separated, CRLF, fields quoted when they hold a
 * comma, a quote or a line break), and no field that a spreadsheet would run as a formula (a value
 * starting with {@code = + - @}, a tab or a carriage return gets a leading apostrophe).
 */
public final class Csv {

  private Csv() {}

  /** Writes one record of {@code values} (null as an empty field), ended by CRLF. */
  public static void row(Writer out, Object... values) throws IOException {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(field(values[i]));
    }
    out.write("\r\n");
  }

  /** One field: quoted when it must be, formulas neutralized. */
  public static String field(Object value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    if (text.contains(",")
        || text.contains("\"")
        || text.contains("\n")
        || text.contains("\r")
        || text.startsWith("'")) {
      return '"' + text.replace("\"", "\"\"") + '"';
    }
    return text;
  }
}
