package dev.forecourt.platform.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md's table of keys against the declarations: every declared key documented
 * with its default, every documented {@code forecourt.*} key declared.
 */
class ConfigurationDocsTest {

  /** What the default column says of a key. */
  private static final String UNSET = "(unset)";

  private static final String REQUIRED = "(required)";

  private static final Pattern CODE = Pattern.compile("`([^`]+)`");

  @Test
  void everyDeclaredKeyIsDocumentedWithItsDefault() throws IOException {
    Map<String, String> documented = documentedDefaults();
    List<String> wrong = new ArrayList<>();
    for (Setting<?> s : DeclaredSettings.all()) {
      String expected =
          s.isRequired() ? REQUIRED : s.defaultValue() == null ? UNSET : s.defaultValue();
      if (!documented.containsKey(s.name())) {
        wrong.add(s.name() + " is not in the table");
      } else if (!expected.equals(documented.get(s.name()))) {
        wrong.add(
            s.name()
                + ": the table says "
                + documented.get(s.name())
                + ", the declaration "
                + expected);
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void everyDocumentedKeyIsDeclared() throws IOException {
    List<String> declared = DeclaredSettings.all().stream().map(Setting::name).toList();
    List<String> undeclared =
        documentedDefaults().keySet().stream()
            .filter(k -> k.startsWith("forecourt.") && !declared.contains(k))
            .toList();
    assertEquals(List.of(), undeclared);
  }

  @Test
  void theTableIsRead() throws IOException {
    Map<String, String> documented = documentedDefaults();
    // the forms of the default column: a value, "unset", "—", "**required**", and rows of several
    // keys
    assertEquals("PT15M", documented.get("forecourt.security.token.lifetime"));
    assertEquals(UNSET, documented.get("forecourt.valuation.url"));
    assertEquals(UNSET, documented.get("forecourt.integrations.<source>.secret"));
    assertEquals(REQUIRED, documented.get("forecourt.secrets.key"));
    assertEquals("0.5", documented.get("forecourt.webhooks.circuit-breaker.failure-ratio"));
    assertEquals("PT5S", documented.get("forecourt.events.redelivery.delay"));
    assertTrue(documented.containsKey("mp.jwt.verify.issuer"));
  }

  /**
   * Key → documented default (or UNSET/REQUIRED), from the table whose header is "key | default |
   * meaning".
   */
  static Map<String, String> documentedDefaults() throws IOException {
    Map<String, String> defaults = new LinkedHashMap<>();
    boolean inTable = false;
    for (String line : Files.readAllLines(docs())) {
      if (line.replace(" ", "").equals("|key|default|meaning|")) {
        inTable = true;
        continue;
      }
      if (!inTable || line.startsWith("| ---")) {
        continue;
      }
      if (!line.startsWith("|")) {
        break;
      }
      String[] cells = line.substring(1).split(" \\| ", 3);
      List<String> keys = codes(cells[0]);
      String parent = keys.get(0).substring(0, keys.get(0).lastIndexOf('.'));
      keys.replaceAll(k -> k.startsWith(".") ? parent + k : k);
      String cell = cells[1].trim();
      List<String> values =
          cell.startsWith("unset") || cell.equals("—")
              ? null
              : cell.equals("**required**") ? List.of() : codes(cell);
      for (int i = 0; i < keys.size(); i++) {
        String value = values == null ? UNSET : values.isEmpty() ? REQUIRED : values.get(i);
        defaults.put(keys.get(i), value);
      }
    }
    assertTrue(defaults.size() > 10, "no table of keys in " + docs());
    return defaults;
  }

  private static List<String> codes(String cell) {
    List<String> codes = new ArrayList<>();
    Matcher m = CODE.matcher(cell);
    while (m.find()) {
      codes.add(m.group(1));
    }
    return codes;
  }

  /**
   * docs/configuration.md of the project: the module's parent directory (Maven runs tests in the
   * module).
   */
  private static Path docs() {
    Path dir =
        Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("docs/configuration.md"))) {
        return d.resolve("docs/configuration.md");
      }
    }
    throw new IllegalStateException("docs/configuration.md not found above " + dir);
  }
}
