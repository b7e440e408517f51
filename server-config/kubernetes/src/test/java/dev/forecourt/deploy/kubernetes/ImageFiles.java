package dev.forecourt.deploy.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the image offers the manifests: the Dockerfile's base image, its ENV defaults, where it
 * copies the Payara scripts, its ports; the ${ENV=...} references of the domain that
 * build-domain.sh builds; the variables drain.sh reads.
 */
record ImageFiles(
    String from,
    Map<String, String> env,
    Map<String, String> copies,
    Set<Integer> exposed,
    Set<String> domainEnvReferences,
    Set<String> drainVariables) {

  /** Variables the base image (payara/basic) sets, which the domain refers to. */
  static final Set<String> BASE_IMAGE_ENV = Set.of("MEM_MAX_RAM_PERCENTAGE", "MEM_XSS", "JVM_ARGS");

  /** Where Payara's domains are in the official image. */
  static final String DOMAINS_DIR = "/opt/payara/appserver/glassfish/domains/";

  static ImageFiles read(Path kubernetesDir) {
    try {
      return parse(
          Files.readString(kubernetesDir.resolve("Dockerfile")),
          Files.readString(kubernetesDir.resolve("build-domain.sh")),
          Files.readString(kubernetesDir.resolve("../payara/drain.sh")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ImageFiles parse(String dockerfile, String buildDomain, String drain) {
    String from = null;
    Map<String, String> env = new LinkedHashMap<>();
    Map<String, String> copies = new LinkedHashMap<>();
    Set<Integer> exposed = new LinkedHashSet<>();
    for (String instruction : instructions(dockerfile)) {
      String[] words = instruction.trim().split("\\s+");
      switch (words[0].toUpperCase()) {
        case "FROM" -> from = words[1];
        case "ENV" -> {
          for (int i = 1; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            env.put(words[i].substring(0, eq), words[i].substring(eq + 1));
          }
        }
        case "COPY" -> {
          List<String> args = new ArrayList<>();
          for (int i = 1; i < words.length; i++) {
            if (!words[i].startsWith("--")) {
              args.add(words[i]);
            }
          }
          String dest = args.get(args.size() - 1);
          for (String src : args.subList(0, args.size() - 1)) {
            copies.put(src, dest);
          }
        }
        case "EXPOSE" -> {
          for (int i = 1; i < words.length; i++) {
            exposed.add(Integer.parseInt(words[i].replaceAll("/.*", "")));
          }
        }
        default -> {}
      }
    }
    return new ImageFiles(
        from,
        env,
        copies,
        exposed,
        matches(Pattern.compile("\\$\\{ENV=([A-Za-z_][A-Za-z0-9_]*)"), buildDomain),
        matches(Pattern.compile("\\$\\{(FORECOURT_[A-Z0-9_]+):-"), drain));
  }

  /** The Dockerfile's instructions: comments dropped, continuation lines joined. */
  private static List<String> instructions(String dockerfile) {
    List<String> result = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : dockerfile.split("\n")) {
      if (line.trim().startsWith("#") || line.isBlank()) {
        continue;
      }
      if (line.endsWith("\\")) {
        current.append(line, 0, line.length() - 1).append(' ');
      } else {
        current.append(line);
        result.add(current.toString());
        current.setLength(0);
      }
    }
    return result;
  }

  private static Set<String> matches(Pattern p, String text) {
    Set<String> found = new LinkedHashSet<>();
    Matcher m = p.matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  /** Where the image has server-config/payara/ (the drain script). */
  String payaraScriptsDir() {
    String dest = copies.get("server-config/payara/");
    if (dest == null) {
      throw new IllegalStateException("the Dockerfile does not copy server-config/payara/");
    }
    return dest.endsWith("/") ? dest : dest + "/";
  }

  /** The variables the domain and drain.sh read at run time: what forecourt-server may set. */
  Set<String> serverVariables() {
    Set<String> names = new LinkedHashSet<>(domainEnvReferences);
    names.addAll(drainVariables);
    return names;
  }
}
