package dev.forecourt.platform.security;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The addresses a server-side request must not reach unless an operator says so (SSRF): loopback,
 * private (RFC 1918, unique local {@code fc00::/7}, shared {@code 100.64.0.0/10}), link-local
 * ({@code 169.254.0.0/16} with the cloud metadata service, {@code fe80::/10}), unspecified,
 * multicast and reserved addresses. An IPv4 address carried in IPv6 (IPv4-mapped, IPv4-compatible,
 * NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) is judged as the IPv4 address.
 */
public final class SpecialAddresses {

  private static final List<Map.Entry<AddressRange, String>> RANGES =
      List.of(
          range("0.0.0.0/8", "unspecified"),
          range("10.0.0.0/8", "private"),
          range(
              "100.64.0.0/10",
              "private"), // shared address space (carrier-grade NAT; Alibaba's metadata service)
          range("127.0.0.0/8", "loopback"),
          range("169.254.0.0/16", "link-local"), // the cloud metadata service 169.254.169.254
          range("172.16.0.0/12", "private"),
          range("192.168.0.0/16", "private"),
          range("224.0.0.0/4", "multicast"),
          range("240.0.0.0/4", "reserved"), // with the broadcast address 255.255.255.255
          range("::/128", "unspecified"),
          range("::1/128", "loopback"),
          range("fc00::/7", "private"), // unique local, e.g. AWS's metadata service fd00:ec2::254
          range("fe80::/10", "link-local"),
          range("fec0::/10", "private"), // site-local (deprecated)
          range("ff00::/8", "multicast"));
  private static final AddressRange NAT64 = AddressRange.parse("64:ff9b::/96");
  private static final AddressRange SIX_TO_FOUR = AddressRange.parse("2002::/16");
  private static final AddressRange IPV4_COMPATIBLE = AddressRange.parse("::/96");

  private SpecialAddresses() {}

  /**
   * What kind of special address {@code address} is ({@code loopback}, {@code private}, …), empty
   * if public.
   */
  public static Optional<String> kind(InetAddress address) {
    InetAddress a = unmapped(address);
    for (Map.Entry<AddressRange, String> range : RANGES) {
      if (range.getKey().contains(a)) {
        return Optional.of(range.getValue());
      }
    }
    return Optional.empty();
  }

  /**
   * The IPv4 address an IPv6 address carries (IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-compatible
   * {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::a.b.c.d}, 6to4 {@code 2002:aabb:ccdd::}), else the
   * address itself.
   */
  static InetAddress unmapped(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return address;
    }
    byte[] b = address.getAddress();
    byte[] v4 = null;
    if (AddressRange.isIpv4Mapped(b)
        || NAT64.contains(address)
        || (IPV4_COMPATIBLE.contains(address)
            && !Arrays.equals(b, new byte[16])
            && !address.isLoopbackAddress())) {
      v4 = Arrays.copyOfRange(b, 12, 16);
    } else if (SIX_TO_FOUR.contains(address)) {
      v4 = Arrays.copyOfRange(b, 2, 6);
    }
    if (v4 == null) {
      return address;
    }
    try {
      return InetAddress.getByAddress(v4);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e); // four bytes are always an address
    }
  }

  private static Map.Entry<AddressRange, String> range(String cidr, String kind) {
    return Map.entry(AddressRange.parse(cidr), kind);
  }
}
