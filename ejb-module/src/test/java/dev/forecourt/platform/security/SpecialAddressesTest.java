package dev.forecourt.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpecialAddressesTest {

  private static Optional<String> kind(String literal) {
    return SpecialAddresses.kind(
        AddressRange.literal(literal).orElseThrow(() -> new AssertionError(literal)));
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "127.0.0.1, loopback",
    "127.255.0.9, loopback",
    "10.0.0.1, private",
    "172.16.0.1, private",
    "172.31.255.255, private",
    "192.168.1.1, private",
    "100.100.100.200, private",
    "169.254.169.254, link-local",
    "169.254.0.1, link-local",
    "0.0.0.0, unspecified",
    "0.1.2.3, unspecified",
    "224.0.0.1, multicast",
    "239.255.255.250, multicast",
    "255.255.255.255, reserved",
    "240.0.0.1, reserved",
    "::1, loopback",
    "::, unspecified",
    "fc00::1, private",
    "fd00:ec2::254, private",
    "fe80::1, link-local",
    "febf:ffff::1, link-local",
    "ff02::1, multicast",
    "fec0::1, private",
    // IPv4 inside IPv6: mapped, compatible, NAT64, 6to4
    "::ffff:127.0.0.1, loopback",
    "::ffff:169.254.169.254, link-local",
    "::ffff:a00:1, private",
    "::10.0.0.1, private",
    "64:ff9b::a9fe:a9fe, link-local",
    "2002:7f00:1::, loopback",
    "2002:c0a8:101::1, private"
  })
  void specialAddressesAreNamed(String address, String kind) {
    assertEquals(Optional.of(kind), kind(address));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "8.8.8.8",
        "172.32.0.1",
        "172.15.255.255",
        "100.128.0.1",
        "169.255.0.1",
        "192.169.0.1",
        "11.0.0.1",
        "223.255.255.255",
        "2001:4860:4860::8888",
        "2a00:1450::1",
        "::ffff:8.8.8.8",
        "64:ff9b::808:808",
        "2002:808:808::1",
        "fbff::1",
        "fe00::1"
      })
  void publicAddressesAreNot(String address) {
    assertEquals(Optional.empty(), kind(address));
  }

  @Test
  void theMappedFormOfAnIpv4AddressBuiltFromBytesIsJudgedAsIpv4() throws UnknownHostException {
    byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, 10, 1, 2, 3};
    InetAddress address = java.net.Inet6Address.getByAddress(null, mapped, -1);
    assertEquals(Optional.of("private"), SpecialAddresses.kind(address));
    assertTrue(AddressRange.parse("10.0.0.0/8").contains(address));
  }

  @Test
  void rangesParseAndContain() {
    AddressRange block = AddressRange.parse("192.168.4.7/22");
    assertEquals("192.168.4.0/22", block.toString());
    assertTrue(block.contains(AddressRange.literal("192.168.7.255").orElseThrow()));
    assertFalse(block.contains(AddressRange.literal("192.168.8.0").orElseThrow()));
    assertFalse(block.contains(AddressRange.literal("::1").orElseThrow()));
    assertTrue(
        AddressRange.parse("2001:db8::/32")
            .contains(AddressRange.literal("[2001:db8:1::5]").orElseThrow()));
    assertEquals("127.0.0.1/32", AddressRange.parse(" 127.0.0.1 ").toString());
    assertEquals(2, AddressRange.parseList("10.0.0.0/8, ::1,").size());
    assertTrue(AddressRange.parseList(" ").isEmpty());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "10.0.0.0/33",
        "::/129",
        "10.0.0.0/x",
        "10.0.0",
        "256.1.1.1",
        "proxy.internal",
        "10.0.0.0/-1",
        "fe80::1%eth0",
        "1:2:3:4:5:6:7:8:9",
        "abc:def"
      })
  void badRangesAreRefusedWithoutALookup(String text) {
    assertThrows(IllegalArgumentException.class, () -> AddressRange.parse(text));
  }

  @Test
  void onlyLiteralsAreAddresses() {
    assertEquals(Optional.empty(), AddressRange.literal("localhost"));
    assertEquals(Optional.empty(), AddressRange.literal("2130706433"));
    assertEquals(Optional.empty(), AddressRange.literal("unknown"));
    assertEquals(Optional.empty(), AddressRange.literal("_hidden"));
  }
}
