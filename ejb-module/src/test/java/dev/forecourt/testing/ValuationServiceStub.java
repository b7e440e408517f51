package dev.forecourt.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP stand-in for the external valuation service, run inside the container by the
 * in-container tests (the JDK's HTTP server: nothing to add to the test WAR). It answers the
 * scripted statuses in order, then the default, and counts the calls.
 */
public final class ValuationServiceStub {

  private static ValuationServiceStub instance;

  private final HttpServer server;
  private final AtomicInteger calls = new AtomicInteger();
  private final Deque<Integer> script = new ArrayDeque<>();
  private volatile int defaultStatus = 200;

  private ValuationServiceStub(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext(
        "/valuations",
        exchange -> {
          calls.incrementAndGet();
          int status;
          synchronized (script) {
            status = script.isEmpty() ? defaultStatus : script.poll();
          }
          byte[] body =
              (status == 200 ? "{\"vin\":\"X\",\"amount\":17500.00,\"currency\":\"EUR\"}" : "{}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  /** A free loopback port, chosen where the deployment is built. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The stub on {@code port}, started on first use in this JVM. */
  public static synchronized ValuationServiceStub on(int port) {
    if (instance == null) {
      try {
        instance = new ValuationServiceStub(port);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return instance;
  }

  /** Answers {@code statuses} to the next calls, then {@code thereafter}; resets the call count. */
  public void answer(int thereafter, Integer... statuses) {
    synchronized (script) {
      script.clear();
      script.addAll(java.util.List.of(statuses));
      defaultStatus = thereafter;
    }
    calls.set(0);
  }

  public int calls() {
    return calls.get();
  }
}
