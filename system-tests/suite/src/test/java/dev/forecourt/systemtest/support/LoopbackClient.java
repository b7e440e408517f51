package dev.forecourt.systemtest.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket from a chosen loopback source address (127.0.0.x), with the request
 * target sent exactly as given (no normalisation of {@code ..}, no re-encoding): for tests of
 * per-address behaviour (rate limits, blocking) and of raw attack paths. The JDK 17 HTTP client can
 * neither choose its local address nor send a path unnormalised.
 */
public final class LoopbackClient {

  private LoopbackClient() {}

  /** A response: status, headers (lower-case names) and body. */
  public record Answer(int status, Map<String, String> headers, String body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  public static Answer send(
      String sourceIp, String method, String target, String contentType, String body)
      throws IOException {
    return send(sourceIp, method, target, contentType, body, Map.of());
  }

  /** {@link #send(String, String, String, String, String)} with further request headers. */
  public static Answer send(
      String sourceIp,
      String method,
      String target,
      String contentType,
      String body,
      Map<String, String> headers)
      throws IOException {
    return send(ForecourtServer.baseUri(), sourceIp, method, target, contentType, body, headers);
  }

  /** {@link #send(String, String, String, String, String)} to the server at {@code base}. */
  public static Answer send(
      URI base,
      String sourceIp,
      String method,
      String target,
      String contentType,
      String body,
      Map<String, String> headers)
      throws IOException {
    byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(sourceIp), 0));
      socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      StringBuilder head =
          new StringBuilder()
              .append(method)
              .append(' ')
              .append(target)
              .append(" HTTP/1.1\r\n")
              .append("Host: ")
              .append(base.getHost())
              .append(':')
              .append(base.getPort())
              .append("\r\n")
              .append("Accept: application/json, application/problem+json\r\n")
              .append("Connection: close\r\n");
      headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
      if (body != null) {
        head.append("Content-Type: ")
            .append(contentType)
            .append("\r\n")
            .append("Content-Length: ")
            .append(payload.length)
            .append("\r\n");
      }
      out.write(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
      out.write(payload);
      out.flush();
      return read(socket.getInputStream());
    }
  }

  private static Answer read(InputStream in) throws IOException {
    int status = Integer.parseInt(line(in).split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line = line(in); !line.isEmpty(); line = line(in)) {
      int colon = line.indexOf(':');
      headers.put(
          line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim());
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16);
          size > 0;
          size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
        body.write(in.readNBytes(size));
        line(in);
      }
    } else {
      body.write(in.readAllBytes());
    }
    return new Answer(status, headers, body.toString(StandardCharsets.UTF_8));
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.UTF_8);
  }
}
