package dev.forecourt.inventory.application;

import dev.forecourt.inventory.domain.PriceChange;
import java.math.BigDecimal;
import java.time.Instant;

/** One change of a vehicle's list price; no old price for the first listing. */
public record PriceChangeView(
    Instant changedAt,
    BigDecimal oldPrice,
    String oldCurrency,
    BigDecimal newPrice,
    String currency) {

  static PriceChangeView of(PriceChange change) {
    return new PriceChangeView(
        change.changedAt(),
        change.oldPrice() == null ? null : change.oldPrice().amount(),
        change.oldPrice() == null ? null : change.oldPrice().currency(),
        change.newPrice().amount(),
        change.newPrice().currency());
  }
}
