package dev.forecourt.platform.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.stream.DoubleStream;

/**
 * The deployment's Micrometer registry (WildFly's micrometer subsystem, exported for Prometheus).
 *
 * <p>WildFly 39's registry of a deployment keeps what Micrometer's builders register to itself,
 * where no exporter sees it (WFLY-21339, fixed in WildFly 40): there, meters are made by the
 * registry's own methods ({@code counter(name, tags)}, ...), which reach the exporter but carry no
 * help text, and a histogram has its count and sum but no buckets.
 */
final class MicrometerRegistry implements Meters.Registry {

  private static final Logger LOG = Logger.getLogger(MicrometerRegistry.class.getName());
  private static final String WILDFLY_39_REGISTRY =
      "org.wildfly.extension.micrometer.registry.ApplicationRegistry";

  private final MeterRegistry registry;

  /** Whether a builder's registration reaches the exporter. */
  private final boolean builders;

  /** The gauges' suppliers: Micrometer holds a gauge's state weakly. */
  private final List<Supplier<?>> gauges = new CopyOnWriteArrayList<>();

  /** The meters made here, removed with the deployment. */
  private final Map<Meter.Id, Meter> made = new ConcurrentHashMap<>();

  private MicrometerRegistry(MeterRegistry registry) {
    this.registry = registry;
    this.builders = buildersReachTheExporter(registry);
    if (!builders) {
      LOG.warning(
          "This WildFly's Micrometer registry hides meters made by builders (WFLY-21339, fixed in"
              + " WildFly 40): the forecourt_* series have no help text and"
              + " forecourt_http_request_duration_seconds no buckets (only _count and _sum)");
    }
  }

  static Optional<Meters.Registry> lookup(BeanManager beans) {
    Instance<MeterRegistry> found = beans.createInstance().select(MeterRegistry.class);
    return found.isResolvable()
        ? Optional.of(new MicrometerRegistry(found.get()))
        : Optional.empty();
  }

  /** WildFly's per-deployment registry forwards builders once it makes meters itself. */
  private static boolean buildersReachTheExporter(MeterRegistry registry) {
    if (!registry.getClass().getName().equals(WILDFLY_39_REGISTRY)) {
      return true;
    }
    try {
      registry.getClass().getDeclaredMethod("newCounter", Meter.Id.class);
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  @Override
  public Meters.Counter counter(String name, String description, Meters.Tag... tags) {
    Counter counter =
        builders
            ? Counter.builder(name).description(description).tags(tags(tags)).register(registry)
            : registry.counter(name, tags(tags));
    made.putIfAbsent(counter.getId(), counter);
    return counter::increment;
  }

  @Override
  public <T extends Number> void gauge(
      String name, String description, Supplier<T> value, Meters.Tag... tags) {
    gauges.add(value);
    Tags labels = tags(tags);
    if (builders) {
      Gauge gauge =
          Gauge.builder(name, value, MicrometerRegistry::read)
              .description(description)
              .tags(labels)
              .register(registry);
      made.putIfAbsent(gauge.getId(), gauge);
    } else {
      registry.gauge(name, labels, value, MicrometerRegistry::read);
      Gauge gauge = registry.find(name).tags(labels).gauge();
      if (gauge != null) {
        made.putIfAbsent(gauge.getId(), gauge);
      }
    }
  }

  private static double read(Supplier<? extends Number> value) {
    Number n = value.get();
    return n == null ? Double.NaN : n.doubleValue();
  }

  @Override
  public Meters.Timer timer(String name, String description, Meters.Tag... tags) {
    Timer timer =
        builders
            ? Timer.builder(name).description(description).tags(tags(tags)).register(registry)
            : registry.timer(name, tags(tags));
    made.putIfAbsent(timer.getId(), timer);
    return nanos -> timer.record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public Meters.Timer histogram(
      String name, String description, double[] bounds, Meters.Tag... tags) {
    if (!builders) {
      return timer(name, description, tags);
    }
    Timer timer =
        Timer.builder(name)
            .description(description)
            .tags(tags(tags))
            .serviceLevelObjectives(
                DoubleStream.of(bounds)
                    .mapToObj(s -> Duration.ofNanos(Math.round(s * 1e9)))
                    .toArray(Duration[]::new))
            .register(registry);
    made.putIfAbsent(timer.getId(), timer);
    return nanos -> timer.record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void removeAll() {
    made.values().forEach(registry::remove);
    made.clear();
    gauges.clear();
  }

  private static Tags tags(Meters.Tag... tags) {
    Tags result = Tags.empty();
    for (Meters.Tag tag : tags) {
      result = result.and(tag.key(), tag.value());
    }
    return result;
  }

  @Override
  public String toString() {
    return "Micrometer's registry of the deployment" + (builders ? "" : " (WildFly 39)");
  }
}
