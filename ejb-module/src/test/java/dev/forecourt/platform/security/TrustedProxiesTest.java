package dev.forecourt.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

  private static final List<AddressRange> NONE = List.of();
  private static final List<AddressRange> LOOPBACK = AddressRange.parseList("127.0.0.1");
  private static final List<AddressRange> BALANCERS =
      AddressRange.parseList("10.0.0.0/24, 2001:db8:lb::/48".replace("lb", "1"));

  private static String client(
      String peer, List<String> xff, List<String> forwarded, List<AddressRange> trusted) {
    return TrustedProxies.clientAddress(peer, xff, forwarded, trusted);
  }

  @Test
  void withoutTrustedProxiesTheHeadersAreIgnored() {
    assertEquals(
        "127.0.0.1",
        client("127.0.0.1", List.of("203.0.113.9"), List.of("for=198.51.100.1"), NONE));
  }

  @Test
  void aPeerThatIsNoTrustedProxyIsTheClientWhateverItClaims() {
    assertEquals("192.0.2.44", client("192.0.2.44", List.of("203.0.113.9"), List.of(), BALANCERS));
  }

  @Test
  void fromATrustedProxyTheRightmostUntrustedHopIsTheClient() {
    assertEquals("203.0.113.9", client("127.0.0.1", List.of("203.0.113.9"), List.of(), LOOPBACK));
    // the client forged the left part; the proxy appended the real peer
    assertEquals(
        "198.51.100.7",
        client(
            "10.0.0.2",
            List.of("1.2.3.4, 5.6.7.8", "198.51.100.7, 10.0.0.3"),
            List.of(),
            BALANCERS));
    assertEquals(
        "198.51.100.7", client("10.0.0.2", List.of("198.51.100.7:51000"), List.of(), BALANCERS));
  }

  @Test
  void whenEveryHopIsTrustedTheLeftmostIsTheClient() {
    assertEquals(
        "10.0.0.5", client("10.0.0.2", List.of("10.0.0.5, 10.0.0.4"), List.of(), BALANCERS));
    assertEquals("10.0.0.2", client("10.0.0.2", List.of(), List.of(), BALANCERS));
  }

  @Test
  void anUnreadableHopStopsTheWalkAtTheNearestReadableAddress() {
    assertEquals(
        "10.0.0.4",
        client("10.0.0.2", List.of("198.51.100.7, evil.example, 10.0.0.4"), List.of(), BALANCERS));
    assertEquals("10.0.0.2", client("10.0.0.2", List.of("unknown"), List.of(), BALANCERS));
  }

  @Test
  void theForwardedHeaderIsReadWhenThereIsNoXForwardedFor() {
    assertEquals(
        "2001:db8:cafe:0:0:0:0:17",
        client(
            "127.0.0.1",
            List.of(),
            List.of("for=192.0.2.60;proto=http;by=203.0.113.43, for=\"[2001:db8:cafe::17]:4711\""),
            LOOPBACK));
    assertEquals(
        "192.0.2.60",
        client("127.0.0.1", List.of(), List.of("For=\"192.0.2.60:8080\";proto=https"), LOOPBACK));
    assertEquals("127.0.0.1", client("127.0.0.1", List.of(), List.of("for=_hidden"), LOOPBACK));
    assertEquals("127.0.0.1", client("127.0.0.1", List.of(), List.of("proto=https"), LOOPBACK));
  }

  @Test
  void xForwardedForWinsOverForwarded() {
    assertEquals(
        "203.0.113.9",
        client("127.0.0.1", List.of("203.0.113.9"), List.of("for=198.51.100.1"), LOOPBACK));
  }

  @Test
  void ipv6PeersAndProxies() {
    assertEquals(
        "203.0.113.9", client("2001:db8:1::1", List.of("203.0.113.9"), List.of(), BALANCERS));
    assertEquals(
        "2001:db8:9:0:0:0:0:1",
        client("10.0.0.1", List.of("[2001:db8:9::1]:443"), List.of(), BALANCERS));
  }

  @Test
  void theSettingIsValidated() {
    assertNull(TrustedProxies.problemWith(""));
    assertNull(TrustedProxies.problemWith("10.0.0.0/8, 127.0.0.1, ::1, fd00::/8"));
    assertNotNull(TrustedProxies.problemWith("10.0.0.0/8, proxy.internal"));
    assertNotNull(TrustedProxies.problemWith("10.0.0.0/40"));
  }
}
