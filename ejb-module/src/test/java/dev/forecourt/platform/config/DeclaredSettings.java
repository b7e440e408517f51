package dev.forecourt.platform.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every {@link SettingGroup} compiled into the ejb module or the persistence jar, found without CDI
 * (as the tests need them).
 */
final class DeclaredSettings {

  private DeclaredSettings() {}

  /**
   * The group classes: the classes of the ejb module's and the persistence jar's output that
   * implement {@link SettingGroup}.
   */
  static List<Class<?>> groups() {
    List<Class<?>> groups = new ArrayList<>();
    groups.addAll(groupsIn(classesDir(ConfigurationCheck.class)));
    groups.addAll(groupsIn(classesDir(SettingGroup.class)));
    return groups;
  }

  /** The groups in a directory of classes or a jar (the persistence jar outside the reactor). */
  private static List<Class<?>> groupsIn(Path location) {
    if (Files.isDirectory(location)) {
      return groupsUnder(location);
    }
    try (FileSystem jar = FileSystems.newFileSystem(location)) {
      return groupsUnder(jar.getPath("/"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Class<?>> groupsUnder(Path classes) {
    byte[] marker = SettingGroup.class.getName().replace('.', '/').getBytes(StandardCharsets.UTF_8);
    List<Class<?>> groups = new ArrayList<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
        // only classes that name SettingGroup are loaded: the others may need the server's
        // libraries
        if (!contains(Files.readAllBytes(file), marker)) {
          continue;
        }
        String name =
            classes
                .relativize(file)
                .toString()
                .replace(file.getFileSystem().getSeparator(), ".")
                .replaceAll("^\\.", "")
                .replaceAll("\\.class$", "");
        Class<?> type = Class.forName(name, false, DeclaredSettings.class.getClassLoader());
        if (SettingGroup.class.isAssignableFrom(type)
            && !type.isInterface()
            && !Modifier.isAbstract(type.getModifiers())) {
          groups.add(type);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
    return groups;
  }

  /** Every declared key, group by group. */
  static List<Setting<?>> all() {
    List<Setting<?>> all = new ArrayList<>();
    for (Class<?> group : groups()) {
      all.addAll(SettingGroup.declaredIn(group));
    }
    return all;
  }

  private static Path classesDir(Class<?> of) {
    try {
      return Path.of(of.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
