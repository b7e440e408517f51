package dev.forecourt.platform.config;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Validates the {@code forecourt.*} configuration when the application is deployed and fails the
 * deployment with one message naming every bad key, instead of failing later on first use. The keys
 * and their rules are the declared {@link Setting}s ({@link SettingCatalog}). Values are never
 * logged (some keys hold secrets), only key names and what is wrong.
 */
@Singleton
@Startup
public class ConfigurationCheck {

  private static final Logger LOG = Logger.getLogger(ConfigurationCheck.class.getName());

  @Inject SettingCatalog settings;

  @PostConstruct
  void validate() {
    List<Setting<?>> declared = settings.all();
    List<String> problems =
        problems(
            RuntimeValues.applied(
                ConfigProvider.getConfig(ConfigurationCheck.class.getClassLoader())),
            declared);
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "Invalid Forecourt configuration: " + String.join("; ", problems));
    }
    LOG.info("Forecourt configuration valid (" + declared.size() + " keys declared)");
  }

  /**
   * What is wrong with {@code config} by the rules of {@code declared}: one sentence per bad key.
   */
  static List<String> problems(Config config, List<Setting<?>> declared) {
    List<String> problems = new ArrayList<>();
    for (Setting<?> setting : declared) {
      problems.addAll(setting.problems(config));
    }
    return problems;
  }
}
