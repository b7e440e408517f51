package dev.forecourt.platform.config;

import dev.forecourt.platform.cache.ClusterSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * Every declared {@code forecourt.*} key: the {@link Setting}s of each {@link SettingGroup} bean
 * and of the EAR library's groups, which are no beans (the library reads them before any bean
 * exists). The deployment check and the settings report read the same list.
 */
@ApplicationScoped
public class SettingCatalog {

  /** The groups of the EAR's {@code lib/}. */
  static final List<Class<? extends SettingGroup>> LIBRARY_GROUPS = List.of(ClusterSettings.class);

  @Inject @Any Instance<SettingGroup> groups;

  /** The keys, group by group in declaration order. */
  public List<Setting<?>> all() {
    List<Setting<?>> declared = new ArrayList<>();
    groups.forEach(group -> declared.addAll(group.settings()));
    LIBRARY_GROUPS.forEach(group -> declared.addAll(SettingGroup.declaredIn(group)));
    return declared;
  }
}
