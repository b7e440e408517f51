package dev.forecourt.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;
import org.junit.jupiter.api.Test;

/**
 * If-Match and If-None-Match parsing (the ETag itself needs a JAX-RS runtime: the system tests read
 * it).
 */
class VersionsTest {

  @Test
  void ifMatchGivesBackTheVersionOfTheETag() {
    assertEquals(7, Versions.expected("\"7\"", "lead"));
    assertEquals(7, Versions.expected(" W/\"7\" ", "lead"));
    assertEquals(7, Versions.expected("7", "lead"));
  }

  @Test
  void withoutIfMatchTheUpdateIsRefusedAs428AndAForeignTagAs412() {
    for (String missing : new String[] {null, "", "  "}) {
      ProblemException e =
          assertThrows(ProblemException.class, () -> Versions.expected(missing, "deal"));
      assertEquals(ProblemType.PRECONDITION_REQUIRED, e.type());
    }
    for (String foreign :
        new String[] {"*", "\"abc\"", "\"1\", \"2\"", "\"99999999999999999999\""}) {
      ProblemException e =
          assertThrows(ProblemException.class, () -> Versions.expected(foreign, "deal"));
      assertEquals(ProblemType.PRECONDITION_FAILED, e.type(), foreign);
      assertEquals("If-Match does not match the deal's current ETag", e.getMessage());
    }
  }

  @Test
  void ifNoneMatchWithTheCurrentVersionOrAStarIsUnchanged() {
    assertTrue(Versions.unchanged("\"7\"", 7));
    assertTrue(Versions.unchanged("W/\"7\"", 7));
    assertTrue(Versions.unchanged("\"3\", \"7\"", 7));
    assertTrue(Versions.unchanged("*", 7));
    assertFalse(Versions.unchanged(null, 7));
    assertFalse(Versions.unchanged("", 7));
    assertFalse(Versions.unchanged("\"6\"", 7));
    assertFalse(Versions.unchanged("\"77\"", 7));
    assertFalse(Versions.unchanged("\"\"", 7));
  }
}
