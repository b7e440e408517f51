package dev.forecourt.platform.config;

import dev.forecourt.platform.audit.AuditDetails;
import dev.forecourt.platform.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.ConfigValue;

/**
 * The effective {@code forecourt.*} configuration of this node, for admins: every declared key with
 * its type, default, configured value and the config source it comes from, and what the deployment
 * check would say of it. Secrets are shown as {@code ****} (never their text), whatever their
 * source.
 */
@Stateless
@RolesAllowed(Role.ADMIN_NAME)
public class ConfigurationReport {

  /**
   * One key as an admin sees it. As the result of a change, the audit trail records its value
   * (masked for a secret) and source.
   */
  public record SettingView(
      String key,
      String type,
      String defaultValue,
      String value,
      String source,
      boolean secret,
      boolean required,
      String description,
      String change,
      List<String> problems,
      List<String> instances)
      implements AuditDetails {

    @Override
    public Map<String, Object> auditDetails() {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("value", value);
      details.put("source", source);
      return details;
    }
  }

  @Inject SettingCatalog declared;

  /** Every declared key, in the order of the groups and their declarations. */
  public List<SettingView> list() {
    Config config =
        RuntimeValues.applied(ConfigProvider.getConfig(ConfigurationReport.class.getClassLoader()));
    List<SettingView> views = new ArrayList<>();
    for (Setting<?> setting : declared.all()) {
      views.add(view(config, setting));
    }
    return views;
  }

  /** One key as {@code config} has it. */
  static SettingView view(Config config, Setting<?> setting) {
    // a key with a placeholder (forecourt.integrations.<source>.secret): the keys of its shape
    boolean template = setting.name().indexOf('<') >= 0;
    List<String> instances =
        template
            ? StreamSupport.stream(config.getPropertyNames().spliterator(), false)
                .filter(setting::matches)
                .sorted()
                .toList()
            : null;
    String value = template ? null : setting.configured(config).orElse(null);
    ConfigValue source = template || value == null ? null : config.getConfigValue(setting.name());
    return new SettingView(
        setting.name(),
        typeName(setting.type()),
        setting.defaultValue(),
        value,
        source == null ? null : source.getSourceName(),
        setting.isSecret(),
        setting.isRequired(),
        setting.meaning(),
        setting.change().name().toLowerCase(Locale.ROOT),
        setting.problems(config),
        instances);
  }

  private static String typeName(Class<?> type) {
    if (type == Boolean.class) {
      return "boolean";
    } else if (type == Integer.class || type == Long.class) {
      return "integer";
    } else if (type == Duration.class) {
      return "duration";
    } else if (type == URI.class) {
      return "url";
    } else if (List.class.isAssignableFrom(type)) {
      return "list";
    }
    return "string";
  }
}
