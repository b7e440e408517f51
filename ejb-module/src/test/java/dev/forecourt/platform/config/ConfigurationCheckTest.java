package dev.forecourt.platform.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forecourt.integration.application.IntegrationSettings;
import dev.forecourt.platform.security.SecretCipher;
import dev.forecourt.platform.security.SecuritySettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The start-up check, run on the declarations of every group against a config of fixed values. */
class ConfigurationCheckTest {

  private static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="; // 32 bytes
  private static final List<Setting<?>> DECLARED = DeclaredSettings.all();

  private static List<String> problems(Map<String, String> values) {
    Map<String, String> config = new HashMap<>(Map.of("forecourt.secrets.key", KEY));
    config.putAll(values);
    return ConfigurationCheck.problems(new MapConfig(config), DECLARED);
  }

  @Test
  void everyDefaultPassesItsOwnRules() {
    assertEquals(List.of(), problems(Map.of()));
  }

  @Test
  void aMissingSecretsKeyFailsTheDeployment() {
    assertEquals(
        List.of(SecretCipher.KEY_REQUIRED),
        ConfigurationCheck.problems(new MapConfig(Map.of()), DECLARED));
  }

  @Test
  void everyKeyIsDeclaredOnceAndIsAForecourtKey() {
    Set<String> names = new HashSet<>();
    for (Setting<?> s : DECLARED) {
      assertTrue(names.add(s.name()), s.name() + " declared twice");
      assertTrue(s.name().startsWith("forecourt."), s.name());
      assertFalse(s.meaning() == null || s.meaning().isBlank(), s.name() + " has no meaning");
    }
    assertTrue(names.size() >= 50, "only " + names.size() + " keys found");
  }

  @Test
  void everyGroupIsABeanTheCheckFinds() {
    for (Class<?> group : DeclaredSettings.groups()) {
      assertTrue(
          group.isAnnotationPresent(Dependent.class)
              || group.isAnnotationPresent(ApplicationScoped.class)
              || SettingCatalog.LIBRARY_GROUPS.contains(group),
          group + " is no CDI bean nor a library group: ConfigurationCheck would not see its keys");
      assertFalse(SettingGroup.declaredIn(group).isEmpty(), group + " declares nothing");
    }
  }

  @Test
  void badValuesAreNamedByKeyNeverByValue() {
    Map<String, String> bad = new HashMap<>();
    bad.put("forecourt.valuation.url", "ftp://sneaky-value");
    bad.put("forecourt.demo.vehicles", "sneaky-value");
    bad.put("forecourt.request.max-body-bytes", "12");
    bad.put("forecourt.demo-data", "yes");
    bad.put("forecourt.intrusion.window", "PT0S");
    bad.put("forecourt.metrics.business.refresh", "-PT1S");
    bad.put("forecourt.audit.retention", "sneaky-value");
    bad.put("forecourt.webhooks.circuit-breaker.failure-ratio", "1.5");
    bad.put("forecourt.health.self-check.base-url", "http://sneaky-value/path");
    bad.put("forecourt.secrets.previous-keys", KEY + ",sneaky-value");
    bad.put("forecourt.integrations.acme.secret", "sneaky-value");
    bad.put("forecourt.webhooks.timeout", "5000");
    List<String> problems = problems(bad);
    assertEquals(
        List.of(
                "forecourt.valuation.url must be an absolute http(s) URL",
                "forecourt.demo.vehicles must be a whole number",
                "forecourt.request.max-body-bytes must be between 1024 and 67108864",
                "forecourt.demo-data must be true or false",
                "forecourt.intrusion.window must be a positive ISO-8601 duration such as PT15M",
                "forecourt.metrics.business.refresh must be a non-negative ISO-8601 duration such as PT15M",
                "forecourt.audit.retention must be an ISO-8601 duration such as PT15M",
                "forecourt.webhooks.circuit-breaker.failure-ratio must be above 0 and at most 1",
                "forecourt.health.self-check.base-url must be http(s)://host:port of this server",
                "forecourt.secrets.previous-keys must list base64 AES-256 keys, comma-separated",
                "forecourt.integrations.acme.secret must be whsec_ followed by the base64 of at least 24 random bytes",
                "forecourt.webhooks.timeout is replaced by the MP Fault Tolerance key "
                    + "dev.forecourt.integration.infrastructure.WebhookCall/post/Timeout/value (milliseconds)")
            .stream()
            .sorted()
            .toList(),
        problems.stream().sorted().toList());
    problems.forEach(p -> assertFalse(p.contains("sneaky") || p.contains(KEY), p));
  }

  @Test
  void aBadSecretsKeyIsReportedWithoutItsValue() {
    List<String> problems = problems(Map.of("forecourt.secrets.key", "c25lYWt5"));
    assertEquals(List.of(SecretCipher.KEY_REQUIRED), problems);
  }

  @Test
  void valuesAreReadFromTheConfigElseTheDefault() {
    MapConfig config =
        new MapConfig(
            Map.of(
                "forecourt.integrations.tolerance",
                " PT1M ",
                "forecourt.integrations.acme.secret",
                "whsec_x"));
    assertEquals(Duration.ofMinutes(1), IntegrationSettings.TOLERANCE.get(config));
    assertEquals(Duration.ofSeconds(60), IntegrationSettings.BREAKER_DELAY.get(config));
    assertEquals("whsec_x", IntegrationSettings.SOURCE_SECRET.forPlaceholder("acme").get(config));
    assertTrue(IntegrationSettings.SOURCE_SECRET.forPlaceholder("other").find(config).isEmpty());
    IllegalStateException unset =
        assertThrows(IllegalStateException.class, () -> SecuritySettings.SECRETS_KEY.get(config));
    assertEquals("forecourt.secrets.key is not set", unset.getMessage());
  }

  @Test
  void secretsAreMaskedWhenShown() {
    MapConfig config =
        new MapConfig(
            Map.of("forecourt.secrets.key", KEY, "forecourt.integrations.tolerance", "PT1M"));
    assertTrue(SecuritySettings.SECRETS_KEY.isSecret());
    assertEquals("****", SecuritySettings.SECRETS_KEY.shown(config));
    assertEquals("PT1M", IntegrationSettings.TOLERANCE.shown(config));
    assertEquals("PT60S", IntegrationSettings.BREAKER_DELAY.shown(config));
    assertEquals("(unset)", SecuritySettings.CORS_ALLOWED_ORIGINS.shown(config));
    for (Setting<?> s : DECLARED) {
      if (s.name().contains("secret")
          || s.name().contains("password")
              && !s.name().contains("password-reset")
              && !s.name().contains("min-length")) {
        assertTrue(s.isSecret(), s.name() + " looks like a secret but is not marked secret");
      }
    }
  }
}
