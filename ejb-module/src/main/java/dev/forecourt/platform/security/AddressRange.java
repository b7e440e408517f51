package dev.forecourt.platform.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A block of IP addresses in CIDR notation ({@code 10.0.0.0/8}, {@code fc00::/7}); a single address
 * is a block of one ({@code 127.0.0.1} = {@code 127.0.0.1/32}). IPv4 blocks also hold the
 * IPv4-mapped IPv6 form of their addresses ({@code ::ffff:10.0.0.1}). Addresses are only ever
 * parsed from literals, never looked up in DNS.
 */
public record AddressRange(byte[] network, int prefix) {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  public AddressRange {
    network = network.clone();
    int bits = network.length * 8;
    if (prefix < 0 || prefix > bits) {
      throw new IllegalArgumentException("prefix length must be 0 to " + bits);
    }
    for (int i = prefix; i < bits; i++) {
      network[i / 8] &= (byte) ~(0x80 >>> (i % 8)); // the network address: host bits cleared
    }
  }

  /**
   * A block in CIDR notation, or a single address; throws IllegalArgumentException if it is
   * neither.
   */
  public static AddressRange parse(String cidr) {
    String text = cidr.trim();
    int slash = text.indexOf('/');
    String address = slash < 0 ? text : text.substring(0, slash);
    InetAddress parsed =
        literal(address)
            .orElseThrow(
                () -> new IllegalArgumentException("not an IP address or CIDR block: " + text));
    byte[] bytes = parsed.getAddress();
    int prefix = bytes.length * 8;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(text.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a CIDR prefix length: " + text);
      }
    }
    return new AddressRange(bytes, prefix);
  }

  /**
   * A comma-separated list of blocks (blank: none); throws IllegalArgumentException naming a bad
   * entry.
   */
  public static List<AddressRange> parseList(String list) {
    List<AddressRange> ranges = new ArrayList<>();
    if (list != null) {
      for (String entry : list.split(",")) {
        if (!entry.isBlank()) {
          ranges.add(parse(entry));
        }
      }
    }
    return List.copyOf(ranges);
  }

  /** Whether {@code text} is an IP address or CIDR block. */
  public static boolean isRange(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * The address an IP literal stands for ({@code 192.0.2.1}, {@code 2001:db8::1}, {@code [::1]}),
   * empty for anything else (a host name is not looked up).
   */
  public static Optional<InetAddress> literal(String text) {
    String t = text.trim();
    if (t.startsWith("[") && t.endsWith("]")) {
      t = t.substring(1, t.length() - 1);
    }
    boolean v4 = IPV4.matcher(t).matches();
    if (!v4 && !IPV6.matcher(t).matches()) {
      return Optional.empty();
    }
    if (v4) {
      for (String part : t.split("\\.")) {
        if (Integer.parseInt(part) > 255) {
          return Optional.empty();
        }
      }
    }
    try {
      // a literal (IPv6 in brackets, or Java would try DNS for a malformed one): no DNS lookup
      return Optional.of(InetAddress.getByName(v4 ? t : "[" + t + "]"));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /** Whether {@code address} lies in this block (an IPv4-mapped IPv6 address counts as IPv4). */
  public boolean contains(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (bytes.length == 16 && network.length == 4 && isIpv4Mapped(bytes)) {
      bytes = java.util.Arrays.copyOfRange(bytes, 12, 16);
    }
    if (bytes.length != network.length) {
      return false;
    }
    for (int i = 0; i < prefix; i++) {
      int mask = 0x80 >>> (i % 8);
      if ((bytes[i / 8] & mask) != (network[i / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  /** Whether 16 address bytes are {@code ::ffff:a.b.c.d}. */
  static boolean isIpv4Mapped(byte[] bytes) {
    for (int i = 0; i < 10; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
  }

  @Override
  public byte[] network() {
    return network.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AddressRange r
        && r.prefix == prefix
        && java.util.Arrays.equals(r.network, network);
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Arrays.hashCode(network) + prefix;
  }

  @Override
  public String toString() {
    try {
      return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
