package dev.forecourt.platform.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Reads declared {@link Setting}s in CDI beans: {@code @Inject Settings settings; ...
 * settings.get(TokenSettings.LIFETIME)}. Each call asks MP Config (so a value changed at runtime
 * applies as soon as Payara's config cache lets it); code outside CDI calls {@link Setting#get()}.
 */
@ApplicationScoped
public class Settings {

  /** The application's config, with the values set at runtime first (wrapped once). */
  private Config config;

  @Inject
  void configure(Config injected) {
    config = RuntimeValues.applied(injected);
  }

  /**
   * The value, or the default; an {@link IllegalStateException} naming the key when there is
   * neither.
   */
  public <T> T get(Setting<T> setting) {
    return setting.get(config);
  }

  /** The value, or the default; empty when there is neither. */
  public <T> Optional<T> find(Setting<T> setting) {
    return setting.find(config);
  }
}
