package dev.forecourt.deploy.kubernetes;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths in the repository, found from the module's directory (Maven runs tests there). */
final class Repository {

  private Repository() {}

  /** The repository root: the first directory upwards holding docs/configuration.md. */
  static Path root() {
    Path dir =
        Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("docs/configuration.md"))
          && Files.isDirectory(d.resolve("server-config/kubernetes"))) {
        return d;
      }
    }
    throw new IllegalStateException("repository root not found above " + dir);
  }

  static Path kubernetes() {
    return root().resolve("server-config/kubernetes");
  }

  static Path manifests() {
    return kubernetes().resolve("manifests");
  }
}
