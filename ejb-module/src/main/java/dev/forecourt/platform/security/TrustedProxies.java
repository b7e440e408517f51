package dev.forecourt.platform.security;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which address a request comes from, behind reverse proxies and load balancers: the peer of the
 * connection, unless that peer is one of the proxies in {@code forecourt.http.trusted-proxies} (IP
 * addresses and CIDR blocks, comma-separated; default none). From a trusted proxy, the hops it
 * reports ({@code X-Forwarded-For}, else the {@code for=} of {@code Forwarded}) are walked from the
 * right: trusted proxies are skipped, and the first hop that is not one is the client (a client may
 * write anything to the left of it; nothing there is believed). With no proxy configured the
 * headers are ignored. This is the one rule for the rate limits, the intrusion detection and the
 * audit trail's client address.
 */
public final class TrustedProxies {

  /** The MP Config key of the trusted proxies. */
  public static final String KEY = SecuritySettings.TRUSTED_PROXIES.name();

  private static volatile Parsed parsed = new Parsed("", List.of());

  private record Parsed(String value, List<AddressRange> ranges) {}

  private TrustedProxies() {}

  /** What is wrong with a value of {@link #KEY}, or null if it is valid. */
  public static String problemWith(String value) {
    try {
      AddressRange.parseList(value);
      return null;
    } catch (IllegalArgumentException e) {
      return KEY
          + " must list IP addresses or CIDR blocks, comma-separated ("
          + e.getMessage()
          + ")";
    }
  }

  /**
   * The trusted proxies configured now (read from MP Config on each call; parsed once per value).
   */
  public static List<AddressRange> configured() {
    String value = SecuritySettings.TRUSTED_PROXIES.find().orElse("").trim();
    Parsed p = parsed;
    if (!p.value().equals(value)) {
      // validated at deployment; a bad value set at runtime trusts no proxy rather than failing
      // requests
      List<AddressRange> ranges =
          problemWith(value) == null ? AddressRange.parseList(value) : List.of();
      p = new Parsed(value, ranges);
      parsed = p;
    }
    return p.ranges();
  }

  /**
   * The client address of a request from {@code peer} carrying the given {@code X-Forwarded-For}
   * and {@code Forwarded} header values (each possibly several, in order).
   */
  public static String clientAddress(
      String peer, List<String> xForwardedFor, List<String> forwarded, List<AddressRange> trusted) {
    if (trusted.isEmpty() || !isTrusted(peer, trusted)) {
      return peer;
    }
    List<String> hops =
        !xForwardedFor.isEmpty() ? forwardedForHops(xForwardedFor) : forwardedHops(forwarded);
    String client = peer;
    for (int i = hops.size() - 1; i >= 0; i--) {
      Optional<InetAddress> hop = AddressRange.literal(withoutPort(hops.get(i)));
      if (hop.isEmpty()) {
        return client; // an obfuscated or unreadable hop: the nearest address that could be read
      }
      client = hop.get().getHostAddress();
      if (!isTrusted(hop.get(), trusted)) {
        return client;
      }
    }
    return client; // every hop is a trusted proxy: the leftmost one
  }

  /** Whether a connection's peer is one of the trusted proxies configured now. */
  public static boolean trusts(String peer) {
    return isTrusted(peer, configured());
  }

  private static boolean isTrusted(String address, List<AddressRange> trusted) {
    return AddressRange.literal(address).map(a -> isTrusted(a, trusted)).orElse(false);
  }

  private static boolean isTrusted(InetAddress address, List<AddressRange> trusted) {
    return trusted.stream().anyMatch(r -> r.contains(address));
  }

  private static List<String> forwardedForHops(List<String> headers) {
    List<String> hops = new ArrayList<>();
    for (String header : headers) {
      for (String hop : header.split(",")) {
        hops.add(hop.trim());
      }
    }
    return hops;
  }

  /**
   * The {@code for=} of each element of RFC 7239 {@code Forwarded} headers ({@code unknown} where
   * missing).
   */
  private static List<String> forwardedHops(List<String> headers) {
    List<String> hops = new ArrayList<>();
    for (String header : headers) {
      for (String element : header.split(",")) {
        String hop = "unknown";
        for (String pair : element.split(";")) {
          int eq = pair.indexOf('=');
          if (eq > 0 && pair.substring(0, eq).trim().equalsIgnoreCase("for")) {
            hop = pair.substring(eq + 1).trim().replace("\"", "");
          }
        }
        hops.add(hop);
      }
    }
    return hops;
  }

  /**
   * {@code 192.0.2.1:4711} → {@code 192.0.2.1}, {@code [2001:db8::1]:4711} → {@code 2001:db8::1}.
   */
  private static String withoutPort(String hop) {
    if (hop.startsWith("[")) {
      int end = hop.indexOf(']');
      return end < 0 ? hop : hop.substring(1, end);
    }
    int colon = hop.indexOf(':');
    return colon >= 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
  }
}
