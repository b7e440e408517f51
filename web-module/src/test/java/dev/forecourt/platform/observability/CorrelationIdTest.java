package dev.forecourt.platform.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class CorrelationIdTest {

  @Test
  void theTraceIdOfAW3cTraceparentAndNothingElse() {
    assertEquals(
        "4bf92f3577b34da6a3ce929d0e0e4736",
        CorrelationId.traceId("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
    assertNull(CorrelationId.traceId(null));
    assertNull(CorrelationId.traceId("00-00000000000000000000000000000000-00f067aa0ba902b7-01"));
    assertNull(CorrelationId.traceId("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"));
    assertNull(CorrelationId.traceId("00-4bf92f35\"injected-00f067aa0ba902b7-01"));
    assertNull(CorrelationId.traceId("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x"));
  }
}
