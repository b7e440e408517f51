package dev.forecourt.platform.metrics;

import jakarta.enterprise.inject.spi.BeanManager;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Finds the server's registry without loading the classes of the other one: each implementation
 * class is loaded only when its API is on the application's class path.
 */
final class Registries {

  private static final Logger LOG = Logger.getLogger(Registries.class.getName());

  private Registries() {}

  static Optional<Meters.Registry> micrometer(BeanManager beans) {
    return present("io.micrometer.core.instrument.MeterRegistry")
        ? MicrometerRegistry.lookup(beans)
        : Optional.empty();
  }

  static Optional<Meters.Registry> microProfile(BeanManager beans) {
    return present("org.eclipse.microprofile.metrics.MetricRegistry")
        ? MicroProfileRegistry.lookup(beans)
        : Optional.empty();
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, Registries.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      LOG.log(Level.FINE, className + " is not available", e);
      return false;
    }
  }
}
