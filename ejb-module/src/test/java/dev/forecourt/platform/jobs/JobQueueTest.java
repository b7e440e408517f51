package dev.forecourt.platform.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobQueueTest {

  private static final Duration BASE = Duration.ofSeconds(30);
  private static final Duration MAX = Duration.ofHours(1);

  @Test
  void theDelayDoublesWithEachFailedAttempt() {
    assertEquals(Duration.ofSeconds(30), JobQueue.backoff(BASE, MAX, 1, 0.5));
    assertEquals(Duration.ofSeconds(60), JobQueue.backoff(BASE, MAX, 2, 0.5));
    assertEquals(Duration.ofSeconds(120), JobQueue.backoff(BASE, MAX, 3, 0.5));
  }

  @Test
  void jitterStaysWithinTwentyPercent() {
    assertEquals(Duration.ofSeconds(24), JobQueue.backoff(BASE, MAX, 1, 0.0));
    assertEquals(Duration.ofMillis(35_999), JobQueue.backoff(BASE, MAX, 1, 0.99999));
  }

  @Test
  void theDelayIsCappedAndNeverOverflows() {
    assertEquals(MAX, JobQueue.backoff(BASE, MAX, 20, 0.5));
    assertEquals(MAX, JobQueue.backoff(BASE, MAX, Integer.MAX_VALUE, 1.0));
    assertEquals(Duration.ofSeconds(30), JobQueue.backoff(BASE, MAX, 0, 0.5));
  }
}
