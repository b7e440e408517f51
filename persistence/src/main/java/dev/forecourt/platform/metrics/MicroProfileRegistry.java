package dev.forecourt.platform.metrics;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * The application registry of MicroProfile Metrics (Payara). A bean so that the registry is
 * injected: Payara's producer needs an injection point (a programmatic lookup fails there); on a
 * server without MicroProfile Metrics the class does not load and is no bean.
 */
@Dependent
class MicroProfileRegistry implements Meters.Registry {

  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry registry;

  /** The metrics made here, removed with the deployment. */
  private final Set<MetricID> made = ConcurrentHashMap.newKeySet();

  static Optional<Meters.Registry> lookup(BeanManager beans) {
    Instance<MicroProfileRegistry> found =
        beans.createInstance().select(MicroProfileRegistry.class);
    return found.isResolvable() ? Optional.of(found.get()) : Optional.empty();
  }

  @Override
  public Meters.Counter counter(String name, String description, Meters.Tag... tags) {
    org.eclipse.microprofile.metrics.Counter counter =
        registry.counter(metadata(name, description, MetricUnits.NONE), made(name, tags));
    return counter::inc;
  }

  @Override
  public <T extends Number> void gauge(
      String name, String description, Supplier<T> value, Meters.Tag... tags) {
    registry.gauge(metadata(name, description, MetricUnits.NONE), value, made(name, tags));
  }

  @Override
  public Meters.Timer timer(String name, String description, Meters.Tag... tags) {
    // recorded in nanoseconds: Payara's exporter scales _sum and _max to seconds from them
    org.eclipse.microprofile.metrics.Timer timer =
        registry.timer(metadata(name, description, MetricUnits.NANOSECONDS), made(name, tags));
    return nanos -> timer.update(Duration.ofNanos(nanos));
  }

  @Override
  public Meters.Timer histogram(
      String name, String description, double[] bounds, Meters.Tag... tags) {
    // gauges over counts kept here: Payara counts a timer's buckets over a sample reservoir
    LatencyHistogram histogram = new LatencyHistogram(bounds);
    String series = name + ".seconds";
    for (int i = 0; i < histogram.buckets(); i++) {
      int index = i;
      Meters.Tag[] withLe = Arrays.copyOf(tags, tags.length + 1);
      withLe[tags.length] = Meters.tag("le", histogram.le(i));
      registry.gauge(
          metadata(series + ".bucket", description + ": at most le seconds", MetricUnits.NONE),
          () -> histogram.cumulative(index),
          made(series + ".bucket", withLe));
    }
    registry.gauge(
        metadata(series + ".count", description, MetricUnits.NONE),
        histogram::count,
        made(series + ".count", tags));
    registry.gauge(
        metadata(series + ".sum", description + ": seconds in all", MetricUnits.NONE),
        histogram::sum,
        made(series + ".sum", tags));
    return histogram::record;
  }

  @Override
  public void removeAll() {
    made.forEach(registry::remove);
    made.clear();
  }

  /** The tags, for a metric of that name made here. */
  private org.eclipse.microprofile.metrics.Tag[] made(String name, Meters.Tag... tags) {
    org.eclipse.microprofile.metrics.Tag[] mp = tags(tags);
    made.add(new MetricID(name, mp));
    return mp;
  }

  private static Metadata metadata(String name, String description, String unit) {
    return Metadata.builder().withName(name).withDescription(description).withUnit(unit).build();
  }

  private static org.eclipse.microprofile.metrics.Tag[] tags(Meters.Tag... tags) {
    return Stream.of(tags)
        .map(t -> new org.eclipse.microprofile.metrics.Tag(t.key(), t.value()))
        .toArray(org.eclipse.microprofile.metrics.Tag[]::new);
  }

  @Override
  public String toString() {
    return "MicroProfile Metrics' application registry";
  }
}
