package dev.forecourt.platform.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * One {@code forecourt.*} MicroProfile Config key, declared once: its name, type, default, rule,
 * whether it is a secret, and what it means. Values still come from MP Config (system properties,
 * environment variables, the domain's config source, {@code microprofile-config.properties}) and
 * are read on every {@link #get()}, so Payara's config cache decides how soon a change applies.
 *
 * <p>Declarations sit in a {@link SettingGroup} of the concern that owns them (e.g. {@code
 * TokenSettings}); {@link ConfigurationCheck} validates every declared key at deployment, and a
 * unit test checks docs/configuration.md against them. A name may hold one {@code <placeholder>}
 * (e.g. {@code forecourt.integrations.<source>.secret}): every configured key of that shape is
 * validated, and {@link #forPlaceholder(String)} reads one of them.
 *
 * @param <T> the type of the value
 */
public final class Setting<T> {

  /** A rule a value must follow, and what the check says when it does not. */
  private record Rule<T>(Predicate<T> ok, String problem) {}

  private final String name;
  private final Class<?> type;
  private final String defaultValue;
  private final String missingProblem;
  private final boolean secret;
  private final Function<String, T> parser;
  private final String parseProblem;
  private final List<Rule<T>> rules;
  private final String meaning;
  private final Change change;

  /** The text read last and its value. */
  private volatile Parsed<T> parsed;

  private record Parsed<T>(Optional<String> raw, Optional<T> value) {}

  /** The application's config, looked up once (Payara resolves it by class loader per call). */
  private static volatile Config applicationConfig;

  private Setting(
      String name,
      Class<?> type,
      String defaultValue,
      String missingProblem,
      boolean secret,
      Function<String, T> parser,
      String parseProblem,
      List<Rule<T>> rules,
      String meaning,
      Change change) {
    this.name = Objects.requireNonNull(name);
    this.type = type;
    this.defaultValue = defaultValue;
    this.missingProblem = missingProblem;
    this.secret = secret;
    this.parser = parser;
    this.parseProblem = parseProblem;
    this.rules = List.copyOf(rules);
    this.meaning = meaning;
    this.change = change;
  }

  // ---- declarations

  /**
   * A key of type {@code type}: {@code parser} turns the trimmed text into a value or throws, which
   * the check reports as "{@code name} {@code parseProblem}".
   */
  public static <T> Setting<T> of(
      String name,
      Class<?> type,
      String defaultValue,
      Function<String, T> parser,
      String parseProblem,
      String meaning) {
    return new Setting<>(
        name,
        type,
        defaultValue,
        null,
        false,
        parser,
        parseProblem,
        List.of(),
        meaning,
        Change.RUNTIME);
  }

  /** Free text. */
  public static Setting<String> text(String name, String defaultValue, String meaning) {
    return of(name, String.class, defaultValue, Function.identity(), "must not be empty", meaning);
  }

  /** {@code true} or {@code false} (nothing else: {@code yes} is refused rather than guessed). */
  public static Setting<Boolean> flag(String name, String defaultValue, String meaning) {
    return of(
        name, Boolean.class, defaultValue, Setting::parseFlag, "must be true or false", meaning);
  }

  /** A whole number from {@code min} to {@code max}. */
  public static Setting<Integer> integer(
      String name, String defaultValue, int min, int max, String meaning) {
    return Setting.<Integer>of(
            name, Integer.class, defaultValue, Integer::valueOf, "must be a whole number", meaning)
        .checkedBy(v -> v >= min && v <= max, "must be between " + min + " and " + max);
  }

  /** A positive ISO-8601 duration such as PT15M. */
  public static Setting<Duration> duration(String name, String defaultValue, String meaning) {
    return Setting.<Duration>of(
            name,
            Duration.class,
            defaultValue,
            Duration::parse,
            "must be an ISO-8601 duration such as PT15M",
            meaning)
        .checkedBy(
            d -> !d.isNegative() && !d.isZero(),
            "must be a positive ISO-8601 duration such as PT15M");
  }

  /** A duration that may be zero (PT0S: "every time"). */
  public static Setting<Duration> durationOrZero(String name, String defaultValue, String meaning) {
    return Setting.<Duration>of(
            name,
            Duration.class,
            defaultValue,
            Duration::parse,
            "must be an ISO-8601 duration such as PT15M",
            meaning)
        .checkedBy(d -> !d.isNegative(), "must be a non-negative ISO-8601 duration such as PT15M");
  }

  /** An absolute http(s) URL. */
  public static Setting<URI> httpUrl(String name, String defaultValue, String meaning) {
    return Setting.<URI>of(name, URI.class, defaultValue, URI::create, "is not a URL", meaning)
        .checkedBy(
            u ->
                ("http".equals(u.getScheme()) || "https".equals(u.getScheme()))
                    && u.getHost() != null,
            "must be an absolute http(s) URL");
  }

  /** A comma-separated list (blank items dropped). */
  public static Setting<List<String>> list(String name, String meaning) {
    return of(
        name, List.class, null, Setting::parseList, "must be a comma-separated list", meaning);
  }

  /**
   * The same key with one more rule: a value for which {@code ok} is false (or throws) is reported
   * as "{@code name} {@code problem}", or as {@code problem} alone when it starts with the key's
   * name. Rules are checked in order; the first that fails is reported.
   */
  public Setting<T> checkedBy(Predicate<T> ok, String problem) {
    List<Rule<T>> more = new ArrayList<>(rules);
    more.add(new Rule<>(ok, problem));
    return copy(name, defaultValue, missingProblem, secret, more, change);
  }

  /** When a change of the key's value takes effect, and whether the admin API may make it. */
  public enum Change {
    /** Read on each use: a change applies at once (within the server's config cache). */
    RUNTIME,
    /** Read when the application starts: a change applies after a restart or redeployment. */
    RESTART,
    /**
     * Only the server's configuration may set it: read before the values set at runtime are loaded
     * (the cluster), or guarding what the API must not open (the secrets key, the log file, the
     * hosts webhooks may call, the proxies whose forwarded address is trusted).
     */
    SERVER
  }

  /** The same key, read when the application starts: a change needs a restart. */
  public Setting<T> readAtStart() {
    return withChange(Change.RESTART);
  }

  /** The same key, settable in the server's configuration only, never through the API. */
  public Setting<T> serverOnly() {
    return withChange(Change.SERVER);
  }

  private Setting<T> withChange(Change change) {
    return copy(name, defaultValue, missingProblem, secret, rules, change);
  }

  /** This declaration with other values of what its builders change. */
  private Setting<T> copy(
      String name,
      String defaultValue,
      String missingProblem,
      boolean secret,
      List<Rule<T>> rules,
      Change change) {
    return new Setting<>(
        name,
        type,
        defaultValue,
        missingProblem,
        secret,
        parser,
        parseProblem,
        rules,
        meaning,
        change);
  }

  /** When a change takes effect, and who may make it. */
  public Change change() {
    return change;
  }

  /** The same key, marked secret: its value is never shown (the check shows no value at all). */
  public Setting<T> secret() {
    return copy(name, defaultValue, missingProblem, true, rules, change);
  }

  /**
   * The same key, required (no default): the deployment fails without it, with {@code problem} as
   * its message.
   */
  public Setting<T> required(String problem) {
    return copy(name, null, Objects.requireNonNull(problem), secret, rules, change);
  }

  // ---- reading

  /**
   * The value: the configured one, else the default; empty when neither is there. The last text
   * parsed is kept with its value, so a read per request parses again only after a change.
   */
  public Optional<T> find(Config config) {
    Optional<String> raw = raw(config);
    Parsed<T> last = parsed;
    if (last != null && last.raw().equals(raw)) {
      return last.value();
    }
    Optional<T> value = raw.map(parser);
    parsed = new Parsed<>(raw, value);
    return value;
  }

  /** {@link #find(Config)} with the application's config. */
  public Optional<T> find() {
    return find(config());
  }

  /**
   * The value, or an {@link IllegalStateException} naming the key when it is unset and has no
   * default.
   */
  public T get(Config config) {
    return find(config).orElseThrow(() -> new IllegalStateException(name + " is not set"));
  }

  /** {@link #get(Config)} with the application's config. */
  public T get() {
    return get(config());
  }

  /** The key {@code forecourt.a.<x>.b} with its placeholder replaced by {@code part}. */
  public Setting<T> forPlaceholder(String part) {
    int open = name.indexOf('<');
    if (open < 0) {
      throw new IllegalStateException(name + " has no placeholder");
    }
    String concrete = name.substring(0, open) + part + name.substring(name.indexOf('>', open) + 1);
    return copy(concrete, defaultValue, missingProblem, secret, rules, change);
  }

  /**
   * Whether {@code key} is this setting's name, or of its shape when the name has a placeholder.
   */
  public boolean matches(String key) {
    int open = name.indexOf('<');
    if (open < 0) {
      return name.equals(key);
    }
    String prefix = name.substring(0, open);
    String suffix = name.substring(name.indexOf('>', open) + 1);
    return key.length() > prefix.length() + suffix.length()
        && key.startsWith(prefix)
        && key.endsWith(suffix);
  }

  // ---- checking

  /**
   * What is wrong with the configured value, each problem naming the key and never the value; empty
   * when it is fine. A key with a placeholder is checked under every configured name of its shape,
   * each of which must have a value.
   */
  public List<String> problems(Config config) {
    if (name.indexOf('<') >= 0) {
      List<String> found = new ArrayList<>();
      for (String key : config.getPropertyNames()) {
        if (matches(key)) {
          String missing = key + " " + (rules.isEmpty() ? parseProblem : rules.get(0).problem());
          found.addAll(copy(key, null, missing, secret, rules, change).problems(config));
        }
      }
      return found;
    }
    Optional<String> raw = raw(config);
    if (raw.isEmpty()) {
      return missingProblem == null ? List.of() : List.of(missingProblem);
    }
    T value;
    try {
      value = parser.apply(raw.get());
    } catch (RuntimeException e) {
      return List.of(name + " " + parseProblem);
    }
    for (Rule<T> rule : rules) {
      boolean ok;
      try {
        ok = rule.ok().test(value);
      } catch (RuntimeException e) {
        ok = false;
      }
      if (!ok) {
        return List.of(
            rule.problem().startsWith(name) ? rule.problem() : name + " " + rule.problem());
      }
    }
    return List.of();
  }

  // ---- what the declaration says

  public String name() {
    return name;
  }

  public Class<?> type() {
    return type;
  }

  /** The default as text, as documented; null when there is none. */
  public String defaultValue() {
    return defaultValue;
  }

  public boolean isRequired() {
    return missingProblem != null;
  }

  public boolean isSecret() {
    return secret;
  }

  /** One line: what the key means. */
  public String meaning() {
    return meaning;
  }

  /**
   * The value as it may be shown (e.g. on a screen of the effective configuration): secrets masked.
   */
  public String shown(Config config) {
    return raw(config).map(this::masked).orElse("(unset)");
  }

  /**
   * The configured value as it may be shown (secrets masked as {@code ****}); empty when the key is
   * not configured (the default, if any, applies).
   */
  public Optional<String> configured(Config config) {
    return configuredText(config).map(this::masked);
  }

  @Override
  public String toString() {
    return name;
  }

  // ---- internals

  /**
   * The trimmed configured text, else the default; MP Config already treats an empty value as
   * missing.
   */
  private Optional<String> raw(Config config) {
    Optional<String> configured = configuredText(config);
    return configured.isPresent() ? configured : Optional.ofNullable(defaultValue);
  }

  /** The trimmed configured text; empty when unset or blank. */
  private Optional<String> configuredText(Config config) {
    return config.getOptionalValue(name, String.class).map(String::trim).filter(v -> !v.isEmpty());
  }

  /** A value as it may be shown: a secret's as {@code ****}. */
  private String masked(String value) {
    return secret ? "****" : value;
  }

  /**
   * The config of the module that declares the settings (the ejb-jar, whose
   * microprofile-config.properties counts).
   */
  private static Config config() {
    Config config = applicationConfig;
    if (config == null) {
      config = RuntimeValues.applied(ConfigProvider.getConfig(Setting.class.getClassLoader()));
      applicationConfig = config;
    }
    return config;
  }

  private static Boolean parseFlag(String v) {
    if (v.equalsIgnoreCase("true")) {
      return Boolean.TRUE;
    }
    if (v.equalsIgnoreCase("false")) {
      return Boolean.FALSE;
    }
    throw new IllegalArgumentException("not true or false");
  }

  private static List<String> parseList(String v) {
    return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
