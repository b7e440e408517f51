package dev.forecourt.platform.health;

import dev.forecourt.platform.config.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * The node's requests in flight and its drain before a stop or an undeployment, in two steps.
 *
 * <p><b>Requested</b> (by {@code server-config/payara/drain.sh}, which creates the drain file,
 * {@code forecourt.shutdown.drain-file}, default {@code forecourt-drain} in the server instance's
 * directory): readiness is DOWN, so load balancers take the node out, while the requests that still
 * arrive are served; the script waits until none is in flight and then stops the domain. The file
 * is removed when the application starts again.
 *
 * <p><b>Stopping</b> (the web module is being stopped by the server: undeployment, {@code
 * stop-domain}, SIGTERM): new requests are refused with 503 and the requests in flight are waited
 * for, at most {@code forecourt.shutdown.drain-timeout} (PT30S). Payara has by then waited up to 2
 * s for them itself; a stop without the drain above can still cut a slow answer.
 */
@ApplicationScoped
public class Drain {

  private static final Logger LOG = Logger.getLogger(Drain.class.getName());

  @Inject Settings settings;

  // read once: the drain runs while the application stops
  private Duration timeout;
  private Optional<String> drainFile;

  @PostConstruct
  void init() {
    timeout = settings.get(HealthSettings.DRAIN_TIMEOUT);
    drainFile = settings.find(HealthSettings.DRAIN_FILE);
  }

  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile Instant since;

  /** The file whose presence requests a drain; none when no location is known. */
  Optional<Path> requestFile() {
    return drainFile
        .or(
            () ->
                Optional.ofNullable(System.getProperty("com.sun.aas.instanceRoot"))
                    .map(root -> root + "/forecourt-drain"))
        .map(Path::of);
  }

  /** Whether the node drains: readiness DOWN (an operator requested it, or the node stops). */
  public boolean draining() {
    return stopping() || requestFile().map(Files::exists).orElse(false);
  }

  /** Whether the node stops (new requests refused). */
  public boolean stopping() {
    return since != null;
  }

  /** Removes a drain request left from before the start. */
  public void clearRequest() {
    requestFile()
        .ifPresent(
            file -> {
              try {
                if (Files.deleteIfExists(file)) {
                  LOG.info(() -> "Drain request " + file + " from before the start removed");
                }
              } catch (IOException e) {
                LOG.warning(() -> "Drain request " + file + " cannot be removed: " + e);
              }
            });
  }

  /** Requests being served now. */
  public int inFlight() {
    return inFlight.get();
  }

  /** A request begins (call {@link #finished()} when it has been answered). */
  public void started() {
    inFlight.incrementAndGet();
  }

  public void finished() {
    inFlight.decrementAndGet();
  }

  /**
   * Begins draining (once) and waits until no request is in flight, at most the drain timeout;
   * answers whether every request in flight finished. {@code why} names what stops the node.
   */
  public synchronized boolean drain(String why) {
    if (since == null) {
      since = Instant.now();
      LOG.info(
          () ->
              "Draining ("
                  + why
                  + "): readiness DOWN, new requests refused, waiting for "
                  + inFlight.get()
                  + " in flight, at most "
                  + timeout.toSeconds()
                  + " s");
    }
    Instant deadline = since.plus(timeout);
    while (inFlight.get() > 0 && Instant.now().isBefore(deadline)) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    int left = inFlight.get();
    long millis = Duration.between(since, Instant.now()).toMillis();
    if (left > 0) {
      LOG.warning(
          () -> "Drain timed out after " + millis + " ms with " + left + " requests in flight");
    } else {
      LOG.info(() -> "Drained in " + millis + " ms (" + why + ")");
    }
    return left == 0;
  }
}
