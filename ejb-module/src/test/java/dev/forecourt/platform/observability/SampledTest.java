package dev.forecourt.platform.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.forecourt.testing.TestClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SampledTest {

  private final TestClock clock = new TestClock();
  private final AtomicInteger reads = new AtomicInteger();
  private volatile boolean sourceDown;
  private final Sampled<Integer> sampled =
      new Sampled<>(
          "a test figure",
          Duration.ofSeconds(10),
          clock,
          () -> {
            reads.incrementAndGet();
            if (sourceDown) {
              throw new IllegalStateException("down");
            }
            return reads.get();
          });

  @Test
  void readsAtMostOncePerPeriodAndKeepsTheLastReading() {
    assertEquals(1, sampled.get());
    clock.advance(Duration.ofSeconds(9));
    assertEquals(1, sampled.get());
    assertEquals(1, sampled.get());
    clock.advance(Duration.ofSeconds(1));
    assertEquals(2, sampled.get(), "read again once the period has passed");
    assertEquals(2, reads.get());
  }

  @Test
  void aFailedReadingIsUnknownAndTheSourceIsNotAskedAgainBeforeThePeriodHasPassed() {
    assertEquals(1, sampled.get());
    sourceDown = true;
    clock.advance(Duration.ofSeconds(10));
    assertNull(sampled.get(), "unknown, not the reading from before the failure");
    clock.advance(Duration.ofSeconds(5));
    assertNull(sampled.get());
    assertEquals(2, reads.get(), "not asked again within the period");
    sourceDown = false;
    clock.advance(Duration.ofSeconds(5));
    assertEquals(3, sampled.get());
  }
}
