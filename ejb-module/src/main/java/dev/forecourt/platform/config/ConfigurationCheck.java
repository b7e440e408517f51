package dev.forecourt.platform.config;

import dev.forecourt.platform.cache.ClusterSettings;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Validates the {@code forecourt.*} configuration when the application is deployed and fails the
 * deployment with one message naming every bad key, instead of failing later on first use. The keys
 * and their rules are the declared {@link Setting}s of every {@link SettingGroup} bean and of the
 * library's {@link ClusterSettings}. Values are never logged (some keys hold secrets), only key
 * names and what is wrong.
 */
@Singleton
@Startup
public class ConfigurationCheck {

  private static final Logger LOG = Logger.getLogger(ConfigurationCheck.class.getName());

  /**
   * The groups of the EAR's {@code lib/}: no beans (the library reads them before any bean exists).
   */
  static final List<Class<? extends SettingGroup>> LIBRARY_GROUPS = List.of(ClusterSettings.class);

  @Inject @Any Instance<SettingGroup> groups;

  @PostConstruct
  void validate() {
    List<Setting<?>> declared = new ArrayList<>();
    groups.forEach(group -> declared.addAll(group.settings()));
    LIBRARY_GROUPS.forEach(group -> declared.addAll(SettingGroup.declaredIn(group)));
    List<String> problems =
        problems(ConfigProvider.getConfig(ConfigurationCheck.class.getClassLoader()), declared);
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
