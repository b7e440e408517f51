package dev.forecourt.inventory.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/** An amount of money in one ISO 4217 currency, scaled to the currency's minor unit. */
@Embeddable
public class Money {

  @Column(name = "price_amount", precision = 12, scale = 2, nullable = false)
  private BigDecimal amount;

  @Column(name = "price_currency", length = 3, nullable = false)
  private String currency;

  protected Money() {}

  private Money(BigDecimal amount, String currency) {
    this.amount = amount;
    this.currency = currency;
  }

  /**
   * A non-negative amount; throws {@link IllegalArgumentException} for a negative amount or an
   * unknown currency.
   */
  public static Money of(BigDecimal amount, String currencyCode) {
    Objects.requireNonNull(amount, "amount");
    if (amount.signum() < 0) {
      throw new IllegalArgumentException("amount must not be negative");
    }
    Currency currency = Currency.getInstance(currencyCode);
    int digits = Math.max(currency.getDefaultFractionDigits(), 0);
    return new Money(amount.setScale(digits, RoundingMode.HALF_EVEN), currency.getCurrencyCode());
  }

  public BigDecimal amount() {
    return amount;
  }

  public String currency() {
    return currency;
  }

  /** This amount multiplied by {@code factor}, in the same currency. */
  public Money times(BigDecimal factor) {
    return of(amount.multiply(factor), currency);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Money other
        && amount.compareTo(other.amount) == 0
        && currency.equals(other.currency);
  }

  @Override
  public int hashCode() {
    return Objects.hash(amount.stripTrailingZeros(), currency);
  }

  @Override
  public String toString() {
    return amount.toPlainString() + " " + currency;
  }
}
