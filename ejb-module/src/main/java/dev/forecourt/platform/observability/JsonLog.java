package dev.forecourt.platform.observability;

import dev.forecourt.platform.cache.ApplicationCaches;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Installs Forecourt's JSON log ({@link JsonLogFormatter}) on the {@code dev.forecourt} loggers
 * while the application runs (removed again when it stops: a redeployment installs its own), and
 * writes the access log ({@link #access}) to it. The server's own log keeps every application line
 * too; the access lines go to the JSON log only.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class JsonLog {

  /** The logger of the application's own classes. */
  static final String APPLICATION = "dev.forecourt";

  /** The access log's logger. */
  public static final String ACCESS = "dev.forecourt.access";

  private static final Logger LOG = Logger.getLogger(JsonLog.class.getName());
  private static final int LIMIT_BYTES = 50 * 1024 * 1024;
  private static final int GENERATIONS = 5;
  private static final Logger ACCESS_LOG = Logger.getLogger(ACCESS);

  private static volatile boolean accessOn;

  private Handler handler;

  @PostConstruct
  void install() {
    accessOn = LogSettings.ACCESS.get();
    if (!LogSettings.JSON.get()) {
      return;
    }
    Path file = LogSettings.FILE.find().map(Path::of).orElseGet(JsonLog::defaultFile);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      FileHandler fileHandler = new FileHandler(file.toString(), LIMIT_BYTES, GENERATIONS, true);
      fileHandler.setEncoding(StandardCharsets.UTF_8.name());
      fileHandler.setFormatter(new JsonLogFormatter(ApplicationCaches.nodeName()));
      fileHandler.setLevel(Level.ALL);
      handler = fileHandler;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the JSON log " + file, e);
    }
    Logger.getLogger(APPLICATION).addHandler(handler);
    ACCESS_LOG.setUseParentHandlers(false);
    ACCESS_LOG.addHandler(handler);
    LOG.info(() -> "JSON log: " + file + ".0" + (accessOn ? " (with the access log)" : ""));
  }

  @PreDestroy
  void remove() {
    accessOn = false;
    if (handler != null) {
      Logger.getLogger(APPLICATION).removeHandler(handler);
      ACCESS_LOG.removeHandler(handler);
      ACCESS_LOG.setUseParentHandlers(true);
      handler.close();
    }
  }

  /**
   * An access log line: {@code method}, {@code endpoint} (the template), {@code status}, {@code
   * durationMillis}, {@code client}; the correlation id, trace id and user come from the request's
   * {@link LogContext}.
   */
  public static void access(
      String method, String endpoint, int status, double durationMillis, String client) {
    if (accessOn && ACCESS_LOG.isLoggable(Level.INFO)) {
      ACCESS_LOG.log(
          Level.INFO,
          "access",
          new Object[] {
            Map.of(
                "method", method,
                "endpoint", endpoint,
                "status", status,
                "durationMillis", Math.round(durationMillis * 1000) / 1000.0,
                "client", client == null ? "" : client)
          });
    }
  }

  /** The instance's logs directory (Payara: the instance root; WildFly: its log directory). */
  private static Path defaultFile() {
    String payara = System.getProperty("com.sun.aas.instanceRoot");
    if (payara != null) {
      return Path.of(payara, "logs", "forecourt.json.log");
    }
    String wildfly = System.getProperty("jboss.server.log.dir");
    return Path.of(
        wildfly != null ? wildfly : System.getProperty("java.io.tmpdir"), "forecourt.json.log");
  }
}
