package dev.forecourt.inventory.application;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A vehicle valuation as answered to clients. {@code source} is {@code valuation-service} for a
 * fresh answer and {@code fallback} when the service could not be asked; {@code basis} says what a
 * fallback rests on ({@code last-known} or {@code list-price}).
 */
public record ValuationView(
    long vehicleId,
    BigDecimal amount,
    String currency,
    String source,
    String basis,
    Instant valuedAt) {

  public static final String SOURCE_SERVICE = "valuation-service";
  public static final String SOURCE_FALLBACK = "fallback";
}
