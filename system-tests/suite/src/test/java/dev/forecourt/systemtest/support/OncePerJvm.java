package dev.forecourt.systemtest.support;

import java.security.SecureRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Something the system tests start once per test JVM, on first use, share between test classes, and
 * stop at JVM exit (also when starting it failed half-way). The harness extensions ({@link
 * ForecourtServer}, {@link KeycloakServer}) keep theirs here.
 */
final class OncePerJvm<R> {

  private final String extension;
  private final Supplier<R> create;
  private final Consumer<R> start;
  private final Consumer<R> stop;
  private volatile R running;
  private volatile boolean begun;

  OncePerJvm(String extension, Supplier<R> create, Consumer<R> start, Consumer<R> stop) {
    this.extension = extension;
    this.create = create;
    this.start = start;
    this.stop = stop;
  }

  synchronized R start() {
    if (running != null) {
      return running;
    }
    begun = true;
    R r = create.get();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop.accept(r), extension + "-stop"));
    try {
      start.accept(r);
    } catch (RuntimeException | Error e) {
      stop.accept(r);
      throw e;
    }
    running = r;
    return r;
  }

  /** Whether a start has begun (it may have ended, well or not). */
  boolean begun() {
    return begun;
  }

  /** Returns once no start is under way (a start holds this object's lock). */
  synchronized void awaitNoStartUnderWay() {}

  R current() {
    R r = running;
    if (r == null) {
      throw new IllegalStateException("Register @ExtendWith(" + extension + ".class) on the test");
    }
    return r;
  }

  /**
   * A random password of 24 letters and digits (no look-alikes), for the services the tests start.
   */
  static String randomPassword() {
    SecureRandom random = new SecureRandom();
    String chars = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 24; i++) {
      sb.append(chars.charAt(random.nextInt(chars.length())));
    }
    return sb.toString();
  }
}
