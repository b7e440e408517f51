package dev.forecourt.systemtest.support;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waiting for the system under test with a deadline instead of sleeping a fixed time: asks again
 * every {@link #INTERVAL} until the answer is the expected one, and fails naming what was awaited
 * (and the last answer) when the deadline passes first.
 */
public final class Poll {

  /** How long to wait between two attempts. */
  public static final Duration INTERVAL = Duration.ofMillis(200);

  private Poll() {}

  /** Waits until {@code condition} holds, at most {@code timeout}. */
  public static void until(Duration timeout, BooleanSupplier condition, String what) {
    until(timeout, condition::getAsBoolean, done -> done, what);
  }

  /**
   * Calls {@code attempt} until {@code done} holds for its answer, at most {@code timeout}; returns
   * that answer. An attempt that throws ends the wait (a failed assertion inside is the test's).
   */
  public static <T> T until(
      Duration timeout, Supplier<T> attempt, Predicate<? super T> done, String what) {
    Instant deadline = Instant.now().plus(timeout);
    T last = attempt.get();
    while (!done.test(last)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("Not within " + timeout + ": " + what + " (last: " + last + ")");
      }
      pause(INTERVAL);
      last = attempt.get();
    }
    return last;
  }

  /**
   * Sleeps for {@code duration}: only where time passing is what a test is about (a load before an
   * outage, a window that must elapse), never to wait for the server to do something.
   */
  public static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
