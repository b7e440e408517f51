package dev.forecourt.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forecourt.systemtest.support.Accounts;
import dev.forecourt.systemtest.support.ForecourtServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests Payara refuses before the application sees them, sent over raw sockets (most of them no
 * HTTP client would send): each answer has the exact status, {@code application/problem+json} with
 * a stable type and no detail, the same security headers as the application's own answers, and no
 * server name or version anywhere. What makes it so is what {@code
 * server-config/payara/configure-domain.sh} installs (the harness runs that script): the error
 * report valve and the Grizzly filter of the server-errors module, and cleartext HTTP/2 switched
 * off, which the HttpClient tests at the end prove for both protocol choices.
 *
 * <p>On WildFly (the same class, in the WildFly execution) what {@code forecourt.cli} installs: the
 * Undertow filter of the same jar, the 8 KiB header limit and h2c off; and the web module's error
 * page (both servers). Undertow's HTTP parser refuses more than Grizzly's, before any filter: those
 * answers have no body at all, still no server name (each row says what each server answers).
 */
@ExtendWith(ForecourtServer.class)
class ServerLevelErrorsIT {

  private static final String PROBLEMS = "https://forecourt.dev/problems/";
  private static final List<String> SECURITY_HEADERS =
      List.of(
          "content-security-policy",
          "strict-transport-security",
          "x-frame-options",
          "x-content-type-options",
          "referrer-policy",
          "permissions-policy");

  /** A product name or a Payara-style version (6.2025.10) anywhere in an answer. */
  private static final Pattern SERVER_NAME =
      Pattern.compile(
          "(?i)payara|glassfish|grizzly|wildfly|undertow|jboss|servlet/|jsp/|\\b\\d+\\.20\\d\\d\\.\\d+\\b");

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The security headers of the application's own answer (GET /api/v1/ping). */
  private static Map<String, String> applicationHeaders;

  @BeforeAll
  static void applicationsOwnAnswer() {
    Raw ping =
        send(
            "GET /api/v1/ping HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
    assertEquals(200, ping.status(), ping.text());
    applicationHeaders = new LinkedHashMap<>();
    for (String name : SECURITY_HEADERS) {
      applicationHeaders.put(name, assertPresent(ping, name));
    }
  }

  static Stream<Arguments> refusals() {
    String close = "Host: 127.0.0.1\r\nConnection: close\r\n\r\n";
    return Stream.of(
        row(
            "a non-ASCII header value",
            bytes(
                "GET /api/v1/ping HTTP/1.1\r\nX-Note: caf\u00e9 cr\u00e8me\r\n" + close,
                StandardCharsets.UTF_8),
            problem(400, "bad-request"),
            application(200, null)),
        row(
            "a 9 KiB header",
            ascii("GET /api/v1/ping HTTP/1.1\r\nX-Big: " + "a".repeat(9 * 1024) + "\r\n" + close),
            problem(400, "bad-request"),
            bodiless(400)),
        row(
            "a control character in a header value",
            ascii("GET /api/v1/ping HTTP/1.1\r\nX-Note: a\u0001b\r\n" + close),
            problem(400, "bad-request"),
            application(200, null)),
        row(
            "a Content-Length that is not a number",
            ascii("POST /api/v1/vehicles HTTP/1.1\r\nContent-Length: abc\r\n" + close),
            problem(400, "bad-request"),
            bodiless(400)),
        row(
            "a request URI longer than the header buffer",
            ascii("GET /" + "a".repeat(20_000) + " HTTP/1.1\r\n" + close),
            problem(400, "bad-request"),
            bodiless(400)),
        row(
            "HTTP/1.1 without Host",
            ascii("GET /api/v1/ping HTTP/1.1\r\nConnection: close\r\n\r\n"),
            problem(400, "bad-request"),
            bodiless(400)),
        row(
            "a raw .. climbing out of the context",
            ascii("GET /../../etc/passwd HTTP/1.1\r\n" + close),
            problem(400, "bad-request"),
            problem(404, "not-found")),
        row(
            "an encoded NUL in the path",
            ascii("GET /api/v1/vehicles%00 HTTP/1.1\r\n" + close),
            problem(400, "bad-request"),
            application(400, "request-rejected")),
        row(
            "an encoded backslash in the path",
            ascii("GET /api/v1/%5C..%5Cvehicles HTTP/1.1\r\n" + close),
            problem(400, "bad-request"),
            application(400, "request-rejected")),
        row(
            "a broken percent escape in the path",
            ascii("GET /api/v1/vehicles%zz HTTP/1.1\r\n" + close),
            problem(400, "bad-request"),
            bodiless(400)),
        row(
            "an unknown HTTP version",
            ascii("GET /api/v1/ping HTTP/9.9\r\n" + close),
            problem(505, "http-version-not-supported"),
            bodiless(400)),
        row(
            "a method name that is no token",
            ascii("G(T / HTTP/1.1\r\n" + close),
            problem(501, "not-implemented"),
            bodiless(400)),
        row(
            "TRACE",
            ascii("TRACE /api/v1/ping HTTP/1.1\r\n" + close),
            problem(405, "method-not-allowed"),
            bodiless(405)),
        row(
            "'}' in a path outside the API",
            ascii("GET /a}b HTTP/1.1\r\n" + close),
            problem(404, "not-found"),
            bodiless(400)),
        row(
            "an encoded slash outside the API",
            ascii("GET /a%2Fb HTTP/1.1\r\n" + close),
            problem(404, "not-found"),
            problem(404, "not-found")),
        row(
            "a path no servlet serves",
            ascii("GET /nothing/here HTTP/1.1\r\n" + close),
            problem(404, "not-found"),
            problem(404, "not-found")));
  }

  /**
   * On Payara each refusal is the server's problem+json; on WildFly the requests Undertow's parser
   * refuses (before any handler, so before the server-errors filter) are answered with an empty
   * body and the connection closed, some the parser lets through reach the application (which
   * answers them as any request), and the rest get the same problem+json as on Payara.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void isAnsweredWithoutAServerNameAndAsProblemJsonWhereThereIsABody(
      String what, byte[] request, Expected onPayara, Expected onWildFly) throws IOException {
    Expected expected = ForecourtServer.onWildFly() ? onWildFly : onPayara;
    Raw answer = send(request);
    assertEquals(expected.status(), answer.status(), what + ":\n" + answer.text());
    assertNoServerName(answer);
    switch (expected.kind()) {
      case BODILESS -> {
        assertEquals("0", answer.header("content-length"), answer.text());
        assertEquals("", answer.body(), answer.text());
      }
      case APPLICATION -> {
        assertEquals(
            applicationHeaders.get("content-security-policy"),
            answer.header("content-security-policy"),
            answer.text());
        if (expected.type() != null) {
          assertTrue(
              answer.header("content-type").startsWith("application/problem+json"), answer.text());
          assertEquals(
              PROBLEMS + expected.type(),
              JSON.readTree(answer.body()).path("type").asText(),
              answer.text());
        }
      }
      case PROBLEM -> {
        assertTrue(
            answer.header("content-type").startsWith("application/problem+json"), answer.text());
        JsonNode problem = JSON.readTree(answer.body());
        assertEquals(PROBLEMS + expected.type(), problem.path("type").asText(), answer.text());
        assertEquals(expected.status(), problem.path("status").asInt(), answer.text());
        assertFalse(problem.path("title").asText().isBlank(), answer.text());
        assertFalse(
            problem.has("detail"), "no detail that could echo the request: " + answer.text());
        assertFalse(problem.has("instance"), "no echo of the request: " + answer.text());
        for (Map.Entry<String, String> h : applicationHeaders.entrySet()) {
          assertEquals(
              h.getValue(),
              answer.header(h.getKey()),
              h.getKey() + " as the application sends it:\n" + answer.text());
        }
      }
    }
  }

  @Test
  void aRequestLineThatIsNotHttpIsClosedWithoutAnAnswer() {
    // three tokens, the last not HTTP/x.y: port unification does not recognise HTTP and closes
    Raw answer = send(ascii("GET /a b HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"));
    if (ForecourtServer.onWildFly()) {
      // Undertow's parser refuses it: 400, no body, closed
      assertEquals(400, answer.status(), answer.text());
      assertEquals("", answer.body(), answer.text());
      assertNoServerName(answer);
    } else {
      assertEquals("", answer.text());
    }
  }

  @Test
  void keepAliveSurvivesARewrittenRefusal() {
    // the rewritten answer has a correct Content-Length: the next request on the connection works
    byte[] two =
        ascii(
            "TRACE /api/v1/ping HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                + "GET /api/v1/ping HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    String text = send(two).text();
    assertTrue(text.startsWith("HTTP/1.1 405 "), text);
    int second = text.indexOf("HTTP/1.1 ", 1);
    assertTrue(second > 0, "a second answer on the same connection:\n" + text);
    assertTrue(text.startsWith("HTTP/1.1 200 ", second), text);
  }

  /**
   * Java's HttpClient asks for h2c by default: 30 requests with changing Authorization headers (the
   * signed-in user's token, short garbage, garbage of 5-6 KiB: over HTTP/2's 4 KiB header list
   * limit, under HTTP/1.1's 8 KiB) are all answered by the application, over HTTP/1.1 (the upgrade
   * is declined). With h2c on, the long tokens got stream resets, then 431s for the short ones;
   * with h2c merely off, the valid token's requests got no answer at all.
   */
  @ParameterizedTest
  @EnumSource(HttpClient.Version.class)
  void changingAuthorizationHeadersAreAllAnsweredByTheApplication(HttpClient.Version version)
      throws Exception {
    HttpClient client =
        HttpClient.newBuilder().version(version).connectTimeout(Duration.ofSeconds(10)).build();
    String valid = Accounts.token("sales");
    URI ping = ForecourtServer.baseUri().resolve("/api/v1/ping");
    for (int i = 0; i < 30; i++) {
      String token =
          switch (i % 3) {
            case 0 -> valid;
            case 1 -> "short" + i;
            default -> "x".repeat(5 * 1024 + i * 31);
          };
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(ping)
                  .timeout(Duration.ofSeconds(30))
                  .header("Authorization", "Bearer " + token)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      String seen =
          "request "
              + i
              + " ("
              + version
              + ", token of "
              + token.length()
              + " chars): "
              + r.statusCode()
              + " "
              + r.headers().map()
              + " "
              + r.body();
      assertEquals(HttpClient.Version.HTTP_1_1, r.version(), "no h2c upgrade: " + seen);
      if (token.equals(valid)) {
        assertEquals(200, r.statusCode(), seen);
      } else {
        assertEquals(401, r.statusCode(), seen);
        assertTrue(
            r.headers()
                .firstValue("content-type")
                .orElse("")
                .startsWith("application/problem+json"),
            seen);
        assertEquals(
            PROBLEMS + "invalid-token", JSON.readTree(r.body()).path("type").asText(), seen);
      }
      assertEquals(
          applicationHeaders.get("content-security-policy"),
          r.headers().firstValue("content-security-policy").orElse(null),
          "the application's answer: " + seen);
    }
  }

  // --- helpers ---------------------------------------------------------------------------------

  private static Arguments row(String what, byte[] request, Expected onPayara, Expected onWildFly) {
    return Arguments.of(what, request, onPayara, onWildFly);
  }

  /** What a server answers to a refused request. */
  private record Expected(Kind kind, int status, String type) {}

  private enum Kind {
    /** The server's problem+json: no detail, no instance, the application's security headers. */
    PROBLEM,
    /** The application's own answer (the server let the request through). */
    APPLICATION,
    /** The status and no body (refused by the HTTP parser, before any filter). */
    BODILESS
  }

  private static Expected problem(int status, String type) {
    return new Expected(Kind.PROBLEM, status, type);
  }

  private static Expected application(int status, String type) {
    return new Expected(Kind.APPLICATION, status, type);
  }

  private static Expected bodiless(int status) {
    return new Expected(Kind.BODILESS, status, null);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] bytes(String s, java.nio.charset.Charset charset) {
    return s.getBytes(charset);
  }

  private static String assertPresent(Raw answer, String name) {
    String value = answer.header(name);
    assertNotNull(value, name + " in\n" + answer.text());
    return value;
  }

  private static void assertNoServerName(Raw answer) {
    assertEquals(null, answer.header("server"), answer.text());
    assertEquals(null, answer.header("x-powered-by"), answer.text());
    assertFalse(
        SERVER_NAME.matcher(answer.text()).find(), "a server name or version in\n" + answer.text());
  }

  /** Sends bytes on a fresh connection and reads until the server closes it (or 30 s pass). */
  private static Raw send(byte[] request) {
    URI base = ForecourtServer.baseUri();
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[8192];
      try {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          received.write(buffer, 0, n);
        }
      } catch (java.net.SocketException reset) {
        // the server may reset after closing with unread request bytes: keep what arrived
      }
      return new Raw(received.toString(StandardCharsets.ISO_8859_1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One raw HTTP/1.1 answer (the first one on the connection). */
  private record Raw(String text) {

    int status() {
      return text.length() < 12 ? -1 : Integer.parseInt(text.substring(9, 12));
    }

    private int headerEnd() {
      int end = text.indexOf("\r\n\r\n");
      if (end < 0) {
        throw new AssertionError("no complete HTTP answer:\n" + text);
      }
      return end;
    }

    /** The value of a header of the first answer, or null. */
    String header(String name) {
      List<String> values = new ArrayList<>();
      for (String line : text.substring(text.indexOf("\r\n") + 2, headerEnd()).split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
          values.add(line.substring(colon + 1).trim());
        }
      }
      return values.isEmpty() ? null : String.join(", ", values);
    }

    /** The body of the first answer (chunked transfer coding decoded). */
    String body() {
      String rest = text.substring(headerEnd() + 4);
      if (!"chunked".equalsIgnoreCase(header("transfer-encoding"))) {
        String length = header("content-length");
        return length == null ? rest : rest.substring(0, Integer.parseInt(length));
      }
      StringBuilder body = new StringBuilder();
      int at = 0;
      while (true) {
        int eol = rest.indexOf("\r\n", at);
        int size = Integer.parseInt(rest.substring(at, eol).trim(), 16);
        if (size == 0) {
          return body.toString();
        }
        body.append(rest, eol + 2, eol + 2 + size);
        at = eol + 2 + size + 2;
      }
    }
  }
}
