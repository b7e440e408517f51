package dev.forecourt.platform.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** CSV fields of the audit export: RFC 4180 quoting, and no formula reaches a spreadsheet. */
class AuditCsvTest {

  @Test
  void plainValuesStayAsTheyAre() {
    assertEquals("lead", AuditResource.csvField("lead"));
    assertEquals("42", AuditResource.csvField(42L));
    assertEquals("", AuditResource.csvField(null));
  }

  @Test
  void separatorsQuotesAndLineBreaksAreQuoted() {
    assertEquals("\"a,b\"", AuditResource.csvField("a,b"));
    assertEquals("\"{\"\"x\"\":1}\"", AuditResource.csvField("{\"x\":1}"));
    assertEquals("\"line\nbreak\"", AuditResource.csvField("line\nbreak"));
  }

  @Test
  void formulasAreNeutralized() {
    assertEquals(
        "\"'=HYPERLINK(\"\"http://evil\"\")\"",
        AuditResource.csvField("=HYPERLINK(\"http://evil\")"));
    assertEquals("\"'+1\"", AuditResource.csvField("+1"));
    assertEquals("\"'@SUM(A1)\"", AuditResource.csvField("@SUM(A1)"));
  }
}
