package dev.forecourt.deploy.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The application's configuration keys, from docs/configuration.md's table (which the ejb module's
 * ConfigurationDocsTest keeps equal to the keys declared in the SettingGroup classes), and their
 * environment variable names in MicroProfile Config's mapping.
 */
record ConfigurationKeys(Map<String, Boolean> requiredByKey) {

  private static final Pattern CODE = Pattern.compile("`([^`]+)`");

  static ConfigurationKeys read(Path configurationMd) {
    Map<String, Boolean> keys = new LinkedHashMap<>();
    boolean inTable = false;
    try {
      for (String line : Files.readAllLines(configurationMd)) {
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
        List<String> names = codes(cells[0]);
        // "`a.b.c`, `.d`" names a.b.c and a.b.d
        String parent = names.get(0).substring(0, names.get(0).lastIndexOf('.'));
        boolean required = cells[1].trim().equals("**required**");
        for (String n : names) {
          keys.put(n.startsWith(".") ? parent + n : n, required);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (keys.size() < 10) {
      throw new IllegalStateException("no table of keys in " + configurationMd);
    }
    return new ConfigurationKeys(keys);
  }

  /** MP Config's environment variable name of a key: non-alphanumerics to _, upper case. */
  static String envName(String key) {
    return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
  }

  /** Whether an environment variable name sets a documented key. */
  boolean isKnownEnvName(String env) {
    return requiredByKey.keySet().stream().anyMatch(key -> envPattern(key).matcher(env).matches());
  }

  /** The environment variable names of the keys the application cannot start without. */
  List<String> requiredEnvNames() {
    List<String> names = new ArrayList<>();
    requiredByKey.forEach(
        (k, required) -> {
          if (required) {
            names.add(envName(k));
          }
        });
    return names;
  }

  /** A key's env name as a pattern: a placeholder such as {@code <source>} stands for a name. */
  private static Pattern envPattern(String key) {
    StringBuilder regex = new StringBuilder();
    Matcher m = Pattern.compile("<[^>]+>").matcher(key);
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(envName(key.substring(last, m.start())))).append("[A-Z0-9_]+");
      last = m.end();
    }
    regex.append(Pattern.quote(envName(key.substring(last))));
    return Pattern.compile(regex.toString());
  }

  private static List<String> codes(String cell) {
    List<String> codes = new ArrayList<>();
    Matcher m = CODE.matcher(cell);
    while (m.find()) {
      codes.add(m.group(1));
    }
    return codes;
  }
}
