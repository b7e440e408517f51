package dev.forecourt.server.errors;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.Filter;
import org.glassfish.grizzly.filterchain.FilterChain;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpCodecFilter;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpProbe;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.memory.Buffers;

/**
 * A Grizzly filter between the connection and the HTTP codec that turns the bodiless error answers
 * Payara gives before any web application sees the request (Grizzly's 400 for a header it cannot
 * parse or that is too large, 505 for an unknown HTTP version, the web container's "400 Invalid
 * URI" for an encoded NUL or backslash or a path climbing out of the context) into {@link
 * ServerProblems}' problem+json with the security headers.
 *
 * <p>Which answers: a probe on the HTTP codec sees every response header as it is serialized and
 * marks the connection when the answer is an error (status 400 or more) without a body and without
 * the application's {@code Content-Security-Policy} header (every answer of the application has
 * one). The next buffer written on that connection is that header; this filter rewrites it. Answers
 * of the application pass untouched.
 */
public final class ProblemResponseFilter extends BaseFilter {

  /** The status of the marked answer, and whether a body may follow it (not for HEAD). */
  private record Pending(int status, boolean body) {}

  private static final Attribute<Pending> PENDING =
      Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(
          ProblemResponseFilter.class.getName() + ".pending");

  private static final HttpProbe PROBE =
      new HttpProbe.Adapter() {
        @Override
        public void onHeaderSerializeEvent(
            Connection connection, HttpHeader header, Buffer buffer) {
          if (!(header instanceof HttpResponsePacket response)
              || response.containsHeader("Content-Security-Policy")
              || response.getContentLength() > 0
              || response.isChunked()) {
            return;
          }
          HttpRequestPacket request = response.getRequest();
          int status = response.getStatus();
          if (status < 400
              && request != null
              && badEscape(request.getRequestURIRef().getOriginalRequestURIBC().toString())) {
            // Payara's URI decoder throws on "%zz", the web container logs it and answers an empty
            // 200
            status = 400;
          }
          if (status >= 400) {
            boolean head = request != null && Method.HEAD.equals(request.getMethod());
            PENDING.set(connection, new Pending(status, !head));
          }
        }
      };

  private volatile boolean probing;

  /** Whether a URI has a '%' not followed by two hex digits. */
  static boolean badEscape(String uri) {
    for (int i = uri.indexOf('%'); i >= 0; i = uri.indexOf('%', i + 1)) {
      if (i + 2 >= uri.length()
          || Character.digit(uri.charAt(i + 1), 16) < 0
          || Character.digit(uri.charAt(i + 2), 16) < 0) {
        return true;
      }
    }
    return false;
  }

  @Override
  public NextAction handleRead(FilterChainContext ctx) throws IOException {
    if (!probing) {
      attachProbe(ctx.getFilterChain());
    }
    if (ctx.getMessage() instanceof Buffer buffer) {
      declineH2cUpgrade(buffer);
    }
    return ctx.getInvokeAction();
  }

  private static final byte[] UPGRADE = "\r\nupgrade:".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] RENAMED = "Xpgrade".getBytes(StandardCharsets.US_ASCII);

  /**
   * Renames an {@code Upgrade: h2c} request header in place (same length) so that the request is
   * served as the plain HTTP/1.1 request it also is (RFC 9113 drops h2c; a server may ignore the
   * upgrade). Cleartext HTTP/2 is off on this listener, and Payara then never answers a successful
   * response to a request that still asks for h2c: Java's HttpClient, which asks by default, would
   * wait for ever. WebSocket upgrades are left alone.
   */
  static void declineH2cUpgrade(Buffer buffer) {
    int from = buffer.position();
    int to = buffer.limit();
    int eol = from;
    while (eol + 1 < to && !(buffer.get(eol) == '\r' && buffer.get(eol + 1) == '\n')) {
      eol++;
    }
    if (eol - from < 9
        || !matches(buffer, eol - 9, " http/1.1".getBytes(StandardCharsets.US_ASCII))) {
      return; // not the start of an HTTP/1.1 request (e.g. the rest of a request body)
    }
    for (int i = eol; i + UPGRADE.length <= to; i++) {
      if (buffer.get(i) == '\r' && buffer.get(i + 1) == '\n' && buffer.get(i + 2) == '\r') {
        return; // end of the header block
      }
      if (matches(buffer, i, UPGRADE) && valueIsH2c(buffer, i + UPGRADE.length, to)) {
        for (int k = 0; k < RENAMED.length; k++) {
          buffer.put(i + 2 + k, RENAMED[k]);
        }
        return;
      }
    }
  }

  private static boolean matches(Buffer buffer, int at, byte[] lowerCase) {
    for (int k = 0; k < lowerCase.length; k++) {
      byte b = buffer.get(at + k);
      if ((b >= 'A' && b <= 'Z' ? b + 32 : b) != lowerCase[k]) {
        return false;
      }
    }
    return true;
  }

  private static boolean valueIsH2c(Buffer buffer, int from, int to) {
    StringBuilder value = new StringBuilder();
    for (int i = from; i < to && buffer.get(i) != '\r' && value.length() < 64; i++) {
      value.append((char) buffer.get(i));
    }
    return value.toString().trim().equalsIgnoreCase("h2c");
  }

  /** Registers the probe on the HTTP codec of this filter chain (once). */
  private synchronized void attachProbe(FilterChain chain) {
    if (probing) {
      return;
    }
    for (Filter f : chain) {
      if (f instanceof HttpCodecFilter codec) {
        codec.getMonitoringConfig().addProbes(PROBE);
      }
    }
    probing = true;
  }

  @Override
  public NextAction handleWrite(FilterChainContext ctx) throws IOException {
    Pending pending = PENDING.remove(ctx.getConnection());
    if (pending != null && ctx.getMessage() instanceof Buffer buffer) {
      Buffer rewritten = rewrite(ctx, buffer, pending);
      if (rewritten != null) {
        ctx.setMessage(rewritten);
      }
    }
    return ctx.getInvokeAction();
  }

  /** The answer with problem+json and the security headers, or null if it is no header block. */
  private static Buffer rewrite(FilterChainContext ctx, Buffer buffer, Pending pending) {
    String text =
        buffer.toStringContent(StandardCharsets.ISO_8859_1, buffer.position(), buffer.limit());
    int end = text.indexOf("\r\n\r\n");
    if (!text.startsWith("HTTP/1.") || end < 0 || end + 4 != text.length()) {
      return null;
    }
    int status = pending.status();
    byte[] body = ServerProblems.jsonBytes(status);
    StringBuilder out = new StringBuilder(512 + body.length);
    out.append(text, 0, text.indexOf(' '))
        .append(' ')
        .append(status)
        .append(' ')
        .append(ServerProblems.reason(status))
        .append("\r\n");
    for (String line : text.substring(text.indexOf("\r\n") + 2, end).split("\r\n")) {
      String name = line.substring(0, Math.max(0, line.indexOf(':'))).trim();
      if (name.equalsIgnoreCase("Date")
          || name.equalsIgnoreCase("Connection")
          || name.equalsIgnoreCase("Allow")
          || name.equalsIgnoreCase("Retry-After")) {
        out.append(line).append("\r\n");
      }
    }
    for (Map.Entry<String, String> h : ServerProblems.headers().entrySet()) {
      out.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
    }
    out.append("Content-Type: ").append(ServerProblems.PROBLEM_JSON).append("\r\n");
    out.append("Content-Length: ").append(body.length).append("\r\n\r\n");
    byte[] head = out.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[head.length + (pending.body() ? body.length : 0)];
    System.arraycopy(head, 0, all, 0, head.length);
    if (pending.body()) {
      System.arraycopy(body, 0, all, head.length, body.length);
    }
    buffer.tryDispose();
    return Buffers.wrap(ctx.getMemoryManager(), all);
  }
}
