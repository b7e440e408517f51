package dev.forecourt.systemtest.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP port on 127.0.0.1 that forwards every connection to a server, until {@link #close()}: then
 * the port refuses connections and the open ones are cut, as when the server cannot be reached (a
 * browser's offline use is tested so, without stopping the shared server).
 */
public final class TcpForwarder implements AutoCloseable {

  private final ServerSocket listener;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final String host;
  private final int port;

  public TcpForwarder(URI target) {
    host = target.getHost();
    port = target.getPort();
    try {
      listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread accept = new Thread(this::accept, "tcp-forwarder-" + listener.getLocalPort());
    accept.setDaemon(true);
    accept.start();
  }

  public int port() {
    return listener.getLocalPort();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        // each socket is listed before the closed check: close() either cuts it (listed before
        // its snapshot) or has closed the listener before the check (a connection accepted just
        // as the port closed would otherwise stay open, and "offline" would not be)
        Socket client = listener.accept();
        open.add(client);
        Socket server = new Socket(host, port);
        open.add(server);
        if (listener.isClosed()) {
          closeQuietly(client);
          closeQuietly(server);
          return;
        }
        pump(client, server);
        pump(server, client);
      } catch (IOException e) {
        // closed
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread pump =
        new Thread(
            () -> {
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
              } catch (IOException e) {
                // a side closed
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "tcp-forwarder-pump");
    pump.setDaemon(true);
    pump.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // closed already
    }
  }

  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException e) {
      // closed already
    }
    open.forEach(TcpForwarder::closeQuietly);
  }
}
