package dev.forecourt.platform.config;

import java.util.Map;
import org.eclipse.microprofile.config.Config;

/**
 * The {@code forecourt.*} values admins set at runtime ({@link StoredSetting}), held once per
 * application and replaced by the EJB module's sync (at start, every few seconds, after a change
 * commits). Every read of a declared key goes through {@link #applied(Config)}, so a value set here
 * comes before every config source of the server — on every server alike (a config source
 * registered by the application would not reach Payara's server-level config, which code outside a
 * request can be given).
 */
public final class RuntimeValues {

  /** Where such a value comes from, as the settings report shows it. */
  public static final String SOURCE = "Forecourt runtime settings (admin API)";

  private static volatile Map<String, String> values = Map.of();

  private RuntimeValues() {}

  /** The values now (plain text: secrets decrypted). */
  public static Map<String, String> current() {
    return values;
  }

  /** Replaces every value. */
  public static void replace(Map<String, String> current) {
    values = Map.copyOf(current);
  }

  /** {@code config} with the values set at runtime first. */
  public static Config applied(Config config) {
    return new OverlayConfig(config, RuntimeValues::current, SOURCE);
  }
}
