package dev.forecourt.integration.application;

import dev.forecourt.platform.security.AddressRange;
import dev.forecourt.platform.security.SpecialAddresses;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where webhooks may be delivered (SSRF guard): a subscriber URL's host is resolved, and every
 * address it resolves to must be public: not loopback, private, link-local (the cloud metadata
 * service), unspecified, multicast or reserved ({@link SpecialAddresses}). Checked when a
 * subscription is made and again before every delivery, because the name may resolve elsewhere by
 * then (DNS rebinding); the HTTP client follows no redirects. The admin allow-list {@code
 * forecourt.webhooks.allowed-hosts} (comma-separated host names, IP addresses and CIDR blocks;
 * default none) lets through a host named in it, or addresses inside a listed block. A name that
 * does not resolve is let through here: its delivery fails, and it is checked again at each
 * attempt.
 */
public final class WebhookTargets {

  /** The MP Config key of the allow-list. */
  public static final String ALLOWED_HOSTS = IntegrationSettings.WEBHOOK_ALLOWED_HOSTS.name();

  private static final Pattern HOST_NAME =
      Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

  /** The allow-list: host names (lower case) and address blocks. */
  record AllowList(List<String> hosts, List<AddressRange> ranges) {

    static AllowList parse(String value) {
      List<String> hosts = new ArrayList<>();
      List<AddressRange> ranges = new ArrayList<>();
      for (String entry : value == null ? new String[0] : value.split(",")) {
        String e = entry.trim().toLowerCase(Locale.ROOT);
        if (e.isEmpty()) {
          continue;
        }
        if (AddressRange.isRange(e)) {
          ranges.add(AddressRange.parse(e));
        } else if (HOST_NAME.matcher(e).matches()) {
          hosts.add(e);
        } else {
          throw new IllegalArgumentException(
              "not a host name, IP address or CIDR block: " + entry.trim());
        }
      }
      return new AllowList(List.copyOf(hosts), List.copyOf(ranges));
    }
  }

  /** A lookup of a host's addresses (DNS in production). */
  @FunctionalInterface
  interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private WebhookTargets() {}

  /** What is wrong with a value of {@link #ALLOWED_HOSTS}, or null if it is valid. */
  public static String problemWith(String value) {
    try {
      AllowList.parse(value);
      return null;
    } catch (IllegalArgumentException e) {
      return ALLOWED_HOSTS
          + " must list host names, IP addresses or CIDR blocks, comma-separated ("
          + e.getMessage()
          + ")";
    }
  }

  /**
   * Why a webhook must not be sent to {@code url} now, or empty if it may (the allow-list read from
   * MP Config).
   */
  public static Optional<String> refusal(String url) {
    String value = IntegrationSettings.WEBHOOK_ALLOWED_HOSTS.find().orElse("");
    // validated at deployment; a bad value set at runtime allows nothing extra
    AllowList allowed = problemWith(value) == null ? AllowList.parse(value) : AllowList.parse("");
    return refusal(url, allowed, InetAddress::getAllByName);
  }

  static Optional<String> refusal(String url, AllowList allowed, Resolver resolver) {
    String host;
    try {
      host = URI.create(url.trim()).getHost();
    } catch (IllegalArgumentException e) {
      return Optional.of("the URL is not valid");
    }
    if (host == null || host.isEmpty()) {
      return Optional.of("the URL has no host");
    }
    String name = host.toLowerCase(Locale.ROOT);
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    if (allowed.hosts().contains(name)) {
      return Optional.empty();
    }
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(host);
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
    for (InetAddress address : addresses) {
      Optional<String> kind = SpecialAddresses.kind(address);
      if (kind.isPresent() && allowed.ranges().stream().noneMatch(r -> r.contains(address))) {
        return Optional.of(
            "the host "
                + (AddressRange.literal(host).isPresent() ? "is" : "resolves to")
                + " a "
                + kind.get()
                + " address, which webhooks are not sent to");
      }
    }
    return Optional.empty();
  }
}
