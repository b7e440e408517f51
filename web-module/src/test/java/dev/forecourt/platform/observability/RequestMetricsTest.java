package dev.forecourt.platform.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RequestMetricsTest {

  @Test
  void pathTemplatesLoseTheirRegularExpressions() {
    assertEquals("/vehicles/{id}", RequestMetrics.withoutRegex("/vehicles/{id: [0-9]{1,18}}"));
    assertEquals(
        "/vehicles/{id}/valuation",
        RequestMetrics.withoutRegex("/vehicles/{id: [0-9]{1,18}}/valuation"));
    assertEquals("/vehicles/{id}", RequestMetrics.withoutRegex("/vehicles/{id}"));
    assertEquals("/ping", RequestMetrics.withoutRegex("/ping"));
  }
}
