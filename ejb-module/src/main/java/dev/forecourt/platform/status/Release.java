package dev.forecourt.platform.status;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Properties;

/**
 * The release of this deployment ({@code META-INF/forecourt-release.properties}, written by the
 * build) and when it started on this node.
 */
@ApplicationScoped
public class Release {

  static final String FILE = "META-INF/forecourt-release.properties";

  private final String version = read();
  private volatile Instant startedAt = Instant.now();

  void started(@Observes @Initialized(ApplicationScoped.class) Object event) {
    startedAt = Instant.now();
  }

  public String version() {
    return version;
  }

  public Instant startedAt() {
    return startedAt;
  }

  private static String read() {
    try (InputStream in = Release.class.getClassLoader().getResourceAsStream(FILE)) {
      if (in == null) {
        throw new IllegalStateException(FILE + " is missing from the EJB module");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
