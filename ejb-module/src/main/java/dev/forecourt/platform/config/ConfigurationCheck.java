package dev.forecourt.platform.config;

import dev.forecourt.integration.application.WebhookSignature;
import dev.forecourt.platform.security.SecretCipher;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Validates the {@code forecourt.*} configuration when the application is deployed and fails the
 * deployment with one message naming every bad key, instead of failing later on first use.
 * Values are never logged (some keys hold secrets), only key names and what is wrong.
 */
@Singleton
@Startup
public class ConfigurationCheck {

  private static final Logger LOG = Logger.getLogger(ConfigurationCheck.class.getName());

  @PostConstruct
  void validate() {
    Config config = ConfigProvider.getConfig(ConfigurationCheck.class.getClassLoader());
    List<String> problems = new ArrayList<>();
    optional(config, "forecourt.valuation.url", problems).ifPresent(url -> {
      try {
        URI uri = URI.create(url);
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
          problems.add("forecourt.valuation.url must be an absolute http(s) URL");
        }
      } catch (IllegalArgumentException e) {
        problems.add("forecourt.valuation.url is not a URL");
      }
    });
    integer(config, "forecourt.demo.vehicles", 0, 200_000, problems);
    integer(config, "forecourt.request.max-body-bytes", 1_024, 64 * 1024 * 1024, problems);
    optional(config, "forecourt.demo-data", problems)
        .filter(v -> !v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false"))
        .ifPresent(v -> problems.add("forecourt.demo-data must be true or false"));
    String secretsKey = optional(config, "forecourt.secrets.key", problems).orElse(null);
    String secretsKeyProblem = secretsKey == null ? SecretCipher.KEY_REQUIRED : SecretCipher.problemWith(secretsKey);
    if (secretsKeyProblem != null) {
      problems.add(secretsKeyProblem);
    }
    optional(config, "forecourt.secrets.previous-keys", problems).ifPresent(list -> {
      for (String k : list.split(",")) {
        if (!k.isBlank() && SecretCipher.problemWith(k) != null) {
          problems.add("forecourt.secrets.previous-keys must list base64 AES-256 keys, comma-separated");
          break;
        }
      }
    });
    for (String key : List.of("forecourt.intrusion.window", "forecourt.intrusion.block-duration",
        "forecourt.security.password-reset.ttl", "forecourt.housekeeping.interval", "forecourt.audit.retention",
        "forecourt.security.invitation.ttl",
        "forecourt.idempotency.retention", "forecourt.events.relay.interval", "forecourt.events.retention",
        "forecourt.events.redelivery.delay", "forecourt.webhooks.redelivery.delay",
        "forecourt.jobs.redelivery.max-delay", "forecourt.integrations.tolerance",
        "forecourt.webhooks.circuit-breaker.delay", "forecourt.security.jwks.outage-tolerance",
        "forecourt.health.probe-interval", "forecourt.health.max-age")) {
      duration(config, key, problems, false);
    }
    optional(config, "forecourt.webhooks.timeout", problems).ifPresent(v -> problems.add(
        "forecourt.webhooks.timeout is replaced by the MP Fault Tolerance key "
            + "dev.forecourt.integration.application.WebhookCall/post/Timeout/value (milliseconds)"));
    integer(config, "forecourt.webhooks.circuit-breaker.request-volume-threshold", 1, 1000, problems);
    optional(config, "forecourt.webhooks.circuit-breaker.failure-ratio", problems).ifPresent(v -> {
      try {
        double ratio = Double.parseDouble(v);
        if (!(ratio > 0 && ratio <= 1)) {
          problems.add("forecourt.webhooks.circuit-breaker.failure-ratio must be above 0 and at most 1");
        }
      } catch (NumberFormatException e) {
        problems.add("forecourt.webhooks.circuit-breaker.failure-ratio must be a number above 0 and at most 1");
      }
    });
    integer(config, "forecourt.events.redelivery.limit", 1, 100, problems);
    integer(config, "forecourt.webhooks.redelivery.limit", 1, 100, problems);
    for (String name : config.getPropertyNames()) {
      if (name.startsWith("forecourt.integrations.") && name.endsWith(".secret")
          && !WebhookSignature.isWellFormed(optional(config, name, problems).orElse(null))) {
        problems.add(name + " must be whsec_ followed by the base64 of at least 24 random bytes");
      }
    }
    optional(config, "forecourt.health.self-check.base-url", problems).filter(url -> !url.isBlank())
        .filter(url -> !url.matches("https?://[^/?#\\s]+/?"))
        .ifPresent(url -> problems.add("forecourt.health.self-check.base-url must be http(s)://host:port of this server"));
    // zero: read the business figures on every scrape
    duration(config, "forecourt.metrics.business.refresh", problems, true);
    // zero: read the maintenance switch on every write
    duration(config, "forecourt.maintenance.cache-ttl", problems, true);
    // zero: read the token cut-offs of local accounts on every request with a token
    duration(config, "forecourt.security.token-cutoffs.cache-ttl", problems, true);
    integer(config, "forecourt.intrusion.block-threshold", 1, 10_000, problems);
    integer(config, "forecourt.security.password.min-length", 8, 1000, problems);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("Invalid Forecourt configuration: " + String.join("; ", problems));
    }
    LOG.info("Forecourt configuration valid");
  }

  private static Optional<String> optional(Config config, String key, List<String> problems) {
    return config.getOptionalValue(key, String.class).map(String::trim).filter(v -> !v.isEmpty());
  }

  private static void duration(Config config, String key, List<String> problems, boolean zeroAllowed) {
    optional(config, key, problems).ifPresent(v -> {
      try {
        Duration d = Duration.parse(v);
        if (d.isNegative() || (d.isZero() && !zeroAllowed)) {
          problems.add(key + " must be a " + (zeroAllowed ? "non-negative" : "positive")
              + " ISO-8601 duration such as PT15M");
        }
      } catch (DateTimeParseException e) {
        problems.add(key + " must be an ISO-8601 duration such as PT15M");
      }
    });
  }

  private static void integer(Config config, String key, int min, int max, List<String> problems) {
    optional(config, key, problems).ifPresent(v -> {
      try {
        int value = Integer.parseInt(v);
        if (value < min || value > max) {
          problems.add(key + " must be between " + min + " and " + max);
        }
      } catch (NumberFormatException e) {
        problems.add(key + " must be a whole number");
      }
    });
  }
}
