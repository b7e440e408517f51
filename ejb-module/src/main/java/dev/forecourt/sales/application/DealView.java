package dev.forecourt.sales.application;

import dev.forecourt.sales.domain.Deal;
import dev.forecourt.sales.domain.DealStatus;
import java.math.BigDecimal;
import java.time.Instant;

/** A deal as answered by the API. */
public record DealView(
    long id,
    long leadId,
    long vehicleId,
    String dealershipCode,
    String salesperson,
    DealStatus status,
    BigDecimal salePrice,
    String currency,
    BigDecimal tradeInValue,
    boolean financed,
    Instant createdAt,
    Instant closedAt,
    long version) {

  static DealView of(Deal d) {
    return new DealView(
        d.id(),
        d.leadId(),
        d.vehicleId(),
        d.dealership().code(),
        d.salesperson(),
        d.status(),
        d.price().amount(),
        d.price().currency(),
        d.tradeIn(),
        d.financed(),
        d.createdAt(),
        d.closedAt(),
        d.version());
  }
}
