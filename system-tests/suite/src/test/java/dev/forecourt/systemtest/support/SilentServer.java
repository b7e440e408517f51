package dev.forecourt.systemtest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP server on 127.0.0.1 that accepts every connection and never says a word (an SMTP server
 * that hangs before its greeting): it counts the connections and keeps them open until closed.
 */
public final class SilentServer implements AutoCloseable {

  private final ServerSocket socket;
  private final AtomicInteger accepted = new AtomicInteger();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  public SilentServer(int port) {
    try {
      socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new java.net.InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 50);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot listen on 127.0.0.1:" + port, e);
    }
    acceptor = new Thread(this::acceptAll, "silent-server-" + port);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Connections accepted so far. */
  public int accepted() {
    return accepted.get();
  }

  private void acceptAll() {
    while (!socket.isClosed()) {
      try {
        Socket s = socket.accept();
        open.add(s);
        accepted.incrementAndGet();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
      for (Socket s : open) {
        s.close();
      }
      acceptor.join(5_000);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
