package dev.forecourt.platform.metrics;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The application's own meters (the {@code forecourt_*} series of {@code /metrics}), on the
 * registry of the server the EAR runs on: MicroProfile Metrics on Payara, Micrometer on WildFly
 * (which has no MicroProfile Metrics). Every class that counts, gauges or times goes through this
 * one seam, so the series have the same names and labels on both servers (WildFly adds its {@code
 * WF_DEPLOYMENT} label; on WildFly 39 there is no help text and a histogram has no buckets: {@link
 * MicrometerRegistry}). Lives in the EAR's {@code lib/} so that the EJB and web modules share one
 * instance.
 *
 * <p>Names are Prometheus names: {@code forecourt_jobs_retried_total} for a counter, dots or
 * underscores for the rest ({@code forecourt.http.requests} becomes {@code
 * forecourt_http_requests_seconds_count}, {@code _sum} and {@code _max} on both servers).
 */
@ApplicationScoped
public class Meters {

  private static final Logger LOG = Logger.getLogger(Meters.class.getName());

  /** A label of a series. */
  public record Tag(String key, String value) {}

  /** A monotonic count. */
  public interface Counter {
    void inc(long n);

    default void inc() {
      inc(1);
    }
  }

  /** Durations, exported in seconds (count, sum, max). */
  public interface Timer {
    void record(long nanos);
  }

  /** What a server's registry must do for {@link Meters}. */
  interface Registry {
    Counter counter(String name, String description, Tag... tags);

    <T extends Number> void gauge(String name, String description, Supplier<T> value, Tag... tags);

    Timer timer(String name, String description, Tag... tags);

    Timer histogram(String name, String description, double[] bounds, Tag... tags);

    /** Removes the meters made here (a redeployment makes them again, its gauges reading anew). */
    void removeAll();
  }

  @Inject BeanManager beans;

  private Registry registry;

  @PostConstruct
  void findRegistry() {
    // Micrometer first: an older WildFly installation may still carry MP Metrics as a module, which
    // exports nothing there; on Payara, Micrometer is absent
    try {
      registry =
          Registries.micrometer(beans)
              .or(() -> Registries.microProfile(beans))
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "Neither MicroProfile Metrics nor Micrometer is available to the"
                              + " application: the server needs one of them (WildFly: the"
                              + " micrometer subsystem, server-config/wildfly/forecourt.cli)"));
    } catch (RuntimeException | LinkageError e) {
      LOG.log(Level.SEVERE, "The application's meters have no registry", e);
      throw e;
    }
    LOG.info(() -> "The application's meters are in " + registry);
  }

  /** The server's registry may outlive the deployment (WildFly's does): its meters go with it. */
  @PreDestroy
  void removeMeters() {
    registry.removeAll();
  }

  public static Tag tag(String key, String value) {
    return new Tag(key, value);
  }

  /** The counter of that name and labels (made on first use; the same one after). */
  public Counter counter(String name, String description, Tag... tags) {
    return registry.counter(name, description, tags);
  }

  /** A gauge reading {@code value} at every scrape (registered once per name and labels). */
  public <T extends Number> void gauge(
      String name, String description, Supplier<T> value, Tag... tags) {
    registry.gauge(name, description, value, tags);
  }

  /** The timer of that name and labels (made on first use; the same one after). */
  public Timer timer(String name, String description, Tag... tags) {
    return registry.timer(name, description, tags);
  }

  /**
   * A cumulative histogram of durations, made once per name and labels: {@code
   * <name>_seconds_bucket{le}} for each of {@code bounds} (seconds, ascending) and +Inf, {@code
   * _count} and {@code _sum}, which {@code rate()} and {@code histogram_quantile()} take.
   */
  public Timer histogram(String name, String description, double[] bounds, Tag... tags) {
    return registry.histogram(name, description, bounds, tags);
  }
}
