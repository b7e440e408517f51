package dev.forecourt.platform.config;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * A config with some keys' text taken from {@code values} first, before any config source: the
 * values admins set at runtime over the server's config ({@link RuntimeValues#applied}), or one
 * proposed value over those, to check it before anything is stored. Only the reads {@link Setting}
 * and the settings report make are answered from the overlay (values as text, key names, a key's
 * source); the rest is the underlying config.
 */
public final class OverlayConfig implements Config {

  private final Config config;
  private final Supplier<Map<String, String>> values;
  private final String sourceName;

  public OverlayConfig(Config config, Supplier<Map<String, String>> values, String sourceName) {
    this.config = config;
    this.values = values;
    this.sourceName = sourceName;
  }

  @Override
  public <T> T getValue(String propertyName, Class<T> propertyType) {
    return getOptionalValue(propertyName, propertyType)
        .orElseThrow(() -> new NoSuchElementException(propertyName));
  }

  @Override
  public ConfigValue getConfigValue(String propertyName) {
    String value = values.get().get(propertyName);
    if (value == null) {
      return config.getConfigValue(propertyName);
    }
    return new Overlaid(propertyName, value, sourceName);
  }

  @Override
  public <T> Optional<T> getOptionalValue(String propertyName, Class<T> propertyType) {
    String value = values.get().get(propertyName);
    if (value == null) {
      return config.getOptionalValue(propertyName, propertyType);
    }
    if (propertyType != String.class) {
      throw new IllegalArgumentException("Only text is overlaid: " + propertyType);
    }
    return Optional.of(value).filter(v -> !v.isBlank()).map(propertyType::cast);
  }

  @Override
  public Iterable<String> getPropertyNames() {
    Set<String> names = new LinkedHashSet<>();
    config.getPropertyNames().forEach(names::add);
    names.addAll(values.get().keySet());
    return names;
  }

  @Override
  public Iterable<ConfigSource> getConfigSources() {
    return config.getConfigSources();
  }

  @Override
  public <T> Optional<Converter<T>> getConverter(Class<T> forType) {
    return config.getConverter(forType);
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    return config.unwrap(type);
  }

  /**
   * A value of the overlay, as MP Config describes one (a named class: Payara's CDI extensions
   * cannot take an anonymous one in the EAR's lib/).
   */
  private record Overlaid(String getName, String getValue, String getSourceName)
      implements ConfigValue {

    @Override
    public String getRawValue() {
      return getValue;
    }

    @Override
    public int getSourceOrdinal() {
      return Integer.MAX_VALUE;
    }
  }
}
