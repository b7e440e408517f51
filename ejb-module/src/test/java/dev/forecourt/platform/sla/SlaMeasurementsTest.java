package dev.forecourt.platform.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.forecourt.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SlaMeasurementsTest {

  private static final Objective.Targets TARGETS =
      new Objective.Targets(0.999, Duration.ofSeconds(1), 0.01, Duration.ofMinutes(5), 20);

  private final TestClock clock = new TestClock();
  private final SlaMeasurements measurements = new SlaMeasurements(clock);

  private static long millis(long ms) {
    return Duration.ofMillis(ms).toNanos();
  }

  @Test
  void sumsTheWindowAndForgetsWhatFellOutOfIt() {
    for (int i = 0; i < 98; i++) {
      measurements.record(200, millis(20));
    }
    measurements.record(503, millis(30));
    measurements.record(200, millis(1500));
    SlaMeasurements.Window w = measurements.window(Duration.ofMinutes(5));
    assertEquals(100, w.requests());
    assertEquals(1, w.errors());
    assertEquals(1, w.slow());
    assertEquals(0.01, w.errorRate(), 1e-9);

    clock.advance(Duration.ofMinutes(4));
    measurements.record(200, millis(20));
    assertEquals(101, measurements.window(Duration.ofMinutes(5)).requests());
    assertEquals(1, measurements.window(Duration.ofMinutes(1)).requests());

    // the first second leaves the 5-minute window, and its slot is reused an hour later
    clock.advance(Duration.ofMinutes(1).plusSeconds(1));
    assertEquals(1, measurements.window(Duration.ofMinutes(5)).requests());
    clock.advance(Duration.ofMinutes(55).minusSeconds(1));
    measurements.record(500, millis(5));
    SlaMeasurements.Window hour = measurements.window(Duration.ofHours(1));
    assertEquals(2, hour.requests(), "the answer of an hour ago is not counted again");
    assertEquals(1, hour.errors());
  }

  @Test
  void p99IsTheUpperBoundOfItsBucket() {
    for (int i = 0; i < 99; i++) {
      measurements.record(200, millis(40));
    }
    measurements.record(200, millis(3000));
    assertEquals(0.05, measurements.window(Duration.ofMinutes(5)).p99Seconds(), 1e-9);
    measurements.record(200, millis(3000));
    assertEquals(5.0, measurements.window(Duration.ofMinutes(5)).p99Seconds(), 1e-9);
    measurements.record(200, millis(60_000));
    measurements.record(200, millis(60_000));
    assertEquals(10.0, measurements.window(Duration.ofMinutes(5)).p99Seconds(), 1e-9);
  }

  @Test
  void latencyIsBreachedWhenMoreThanOnePercentIsSlowerThanTheObjective() {
    for (int i = 0; i < 99; i++) {
      measurements.record(200, millis(100));
    }
    measurements.record(200, millis(1001));
    SlaMeasurements.Window w = measurements.window(Duration.ofMinutes(5));
    assertEquals("met", Objective.LATENCY.judge(w, TARGETS).status(), "1 of 100 slow: p99 met");
    measurements.record(200, millis(1001));
    w = measurements.window(Duration.ofMinutes(5));
    assertEquals("breached", Objective.LATENCY.judge(w, TARGETS).status());
    assertEquals(2.5, Objective.LATENCY.judge(w, TARGETS).measured(), 1e-9);
  }

  @Test
  void theLatencyObjectiveCountsFromWhenItIsSet() {
    measurements.latencyObjective(Duration.ofMillis(200));
    measurements.record(200, millis(300));
    assertEquals(1, measurements.window(Duration.ofMinutes(5)).slow());
  }

  @Test
  void tooFewAnswersLeaveLatencyAndErrorsUnjudged() {
    for (int i = 0; i < 19; i++) {
      measurements.record(500, millis(5000));
    }
    SlaMeasurements.Window w = measurements.window(Duration.ofMinutes(5));
    assertNull(Objective.LATENCY.judge(w, TARGETS).breached());
    assertNull(Objective.ERROR_RATE.judge(w, TARGETS).breached());
    measurements.record(500, millis(5000));
    w = measurements.window(Duration.ofMinutes(5));
    assertEquals("breached", Objective.ERROR_RATE.judge(w, TARGETS).status());
  }

  @Test
  void availabilityIsTheShareOfReadinessChecksThatFoundTheNodeReady() {
    SlaMeasurements.Window none = measurements.window(Duration.ofMinutes(5));
    assertEquals("unjudged", Objective.AVAILABILITY.judge(none, TARGETS).status());
    for (int i = 0; i < 999; i++) {
      measurements.check(true);
    }
    measurements.check(false);
    SlaMeasurements.Window w = measurements.window(Duration.ofMinutes(5));
    assertEquals(0.999, w.availability(), 1e-9);
    assertEquals("met", Objective.AVAILABILITY.judge(w, TARGETS).status());
    measurements.check(false);
    assertEquals(
        "breached",
        Objective.AVAILABILITY.judge(measurements.window(Duration.ofMinutes(5)), TARGETS).status());
  }

  @Test
  void betweenSumsWholeMinutes() {
    clock.set(Instant.parse("2026-12-01T10:00:30Z"));
    measurements.record(200, millis(10));
    clock.advance(Duration.ofSeconds(40));
    measurements.record(500, millis(10));
    long minute = Instant.parse("2026-12-01T10:00:00Z").getEpochSecond();
    assertEquals(1, measurements.between(minute, minute + 59).requests());
    assertEquals(1, measurements.between(minute + 60, minute + 119).errors());
  }
}
