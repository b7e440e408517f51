package dev.forecourt.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** CSV fields of the exports: RFC 4180 quoting, and no formula reaches a spreadsheet. */
class CsvTest {

  @Test
  void plainValuesStayAsTheyAre() {
    assertEquals("lead", Csv.field("lead"));
    assertEquals("42", Csv.field(42L));
    assertEquals("", Csv.field(null));
  }

  @Test
  void separatorsQuotesAndLineBreaksAreQuoted() {
    assertEquals("\"a,b\"", Csv.field("a,b"));
    assertEquals("\"{\"\"x\"\":1}\"", Csv.field("{\"x\":1}"));
    assertEquals("\"line\nbreak\"", Csv.field("line\nbreak"));
  }

  @Test
  void formulasAreNeutralized() {
    assertEquals("\"'=HYPERLINK(\"\"http://evil\"\")\"", Csv.field("=HYPERLINK(\"http://evil\")"));
    assertEquals("\"'+1\"", Csv.field("+1"));
    assertEquals("\"'@SUM(A1)\"", Csv.field("@SUM(A1)"));
  }
}
