package dev.forecourt.integration.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookTargetsTest {

  private static final WebhookTargets.AllowList NONE = WebhookTargets.AllowList.parse("");

  /**
   * The JDK's own resolution (IP literals in every form Java accepts; no DNS is asked for these).
   */
  private static Optional<String> refusal(String url) {
    return WebhookTargets.refusal(url, NONE, InetAddress::getAllByName);
  }

  /** A fake DNS: each name resolves to the given literal addresses. */
  private static WebhookTargets.Resolver dns(Map<String, String> names) {
    return host -> {
      String addresses = names.get(host);
      if (addresses == null) {
        throw new UnknownHostException(host);
      }
      String[] each = addresses.split(" ");
      InetAddress[] resolved = new InetAddress[each.length];
      for (int i = 0; i < each.length; i++) {
        resolved[i] = InetAddress.getByName(each[i]);
      }
      return resolved;
    };
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://127.0.0.1:8080/hook",
        "https://192.168.0.10/x",
        "http://172.20.1.1/",
        "http://0.0.0.0/",
        "http://[::1]/",
        "http://[fd00::1]/",
        "http://[fe80::1]/",
        "http://[::ffff:169.254.169.254]/",
        "http://[::ffff:127.0.0.1]:9000/",
        // another spelling of 127.0.0.1 that the JDK (and so the HTTP client) resolves: refused by
        // its address
        "http://2130706433/",
        "http://127.1/",
        "http://224.0.0.1/",
        "http://user@127.0.0.1/"
      })
  void specialAddressesAreRefused(String url) {
    assertTrue(refusal(url).isPresent(), url);
  }

  @Test
  void theReasonNamesTheKindOfAddressNotTheAddress() {
    assertEquals(
        Optional.of("the host is a link-local address, which webhooks are not sent to"),
        refusal("http://169.254.169.254/"));
    assertEquals(
        Optional.of("the host resolves to a loopback address, which webhooks are not sent to"),
        refusal("http://2130706433/"));
  }

  @Test
  void aLeadingZeroIsDecimalToTheJdkAsToItsHttpClient() {
    // 0177.0.0.1 is 127.0.0.1 to a C resolver, but the JDK reads 177.0.0.1 and would connect there
    assertEquals(Optional.empty(), refusal("http://0177.0.0.1/"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://8.8.8.8/hook",
        "http://[2001:4860:4860::8888]/",
        "https://[::ffff:8.8.8.8]/"
      })
  void publicAddressesAreAllowed(String url) {
    assertEquals(Optional.empty(), refusal(url));
  }

  @Test
  void aNameIsJudgedByEveryAddressItResolvesTo() {
    WebhookTargets.Resolver resolver =
        dns(
            Map.of(
                "crm.example",
                "93.184.215.14",
                "rebound.example",
                "93.184.215.14 10.1.2.3",
                "metadata.example",
                "169.254.169.254"));
    assertEquals(
        Optional.empty(), WebhookTargets.refusal("https://crm.example/hooks", NONE, resolver));
    assertEquals(
        Optional.of("the host resolves to a private address, which webhooks are not sent to"),
        WebhookTargets.refusal("https://rebound.example/", NONE, resolver));
    assertTrue(WebhookTargets.refusal("http://metadata.example/", NONE, resolver).isPresent());
    // not resolvable now: let through here, refused at delivery if it then resolves to a special
    // address
    assertEquals(
        Optional.empty(), WebhookTargets.refusal("https://not-yet.example/", NONE, resolver));
  }

  @Test
  void theAllowListLetsThroughNamedHostsAndAddressBlocks() {
    WebhookTargets.AllowList allowed =
        WebhookTargets.AllowList.parse("receiver.internal, 127.0.0.1, 10.8.0.0/16");
    WebhookTargets.Resolver resolver =
        dns(
            Map.of(
                "receiver.internal",
                "10.9.9.9",
                "other.internal",
                "10.9.9.9",
                "ci.internal",
                "10.8.1.2"));
    assertEquals(
        Optional.empty(),
        WebhookTargets.refusal("http://127.0.0.1:8123/hook", allowed, InetAddress::getAllByName));
    assertEquals(
        Optional.empty(), WebhookTargets.refusal("http://RECEIVER.internal./x", allowed, resolver));
    assertEquals(
        Optional.empty(), WebhookTargets.refusal("http://ci.internal/x", allowed, resolver));
    assertTrue(WebhookTargets.refusal("http://other.internal/x", allowed, resolver).isPresent());
    assertTrue(
        WebhookTargets.refusal("http://127.0.0.2/", allowed, InetAddress::getAllByName)
            .isPresent());
    assertTrue(
        WebhookTargets.refusal("http://169.254.169.254/", allowed, InetAddress::getAllByName)
            .isPresent());
  }

  @Test
  void aUrlWithoutAHostIsRefused() {
    assertEquals(Optional.of("the URL has no host"), refusal("http:///path"));
    assertEquals(Optional.of("the URL is not valid"), refusal("http://exa mple/"));
  }

  @Test
  void theAllowListIsValidated() {
    assertNull(WebhookTargets.problemWith(""));
    assertNull(WebhookTargets.problemWith("127.0.0.1, receiver.internal, fd00::/8"));
    assertNotNull(WebhookTargets.problemWith("http://receiver.internal"));
    assertNotNull(WebhookTargets.problemWith("10.0.0.0/99"));
    assertNotNull(WebhookTargets.problemWith("*.internal"));
  }
}
