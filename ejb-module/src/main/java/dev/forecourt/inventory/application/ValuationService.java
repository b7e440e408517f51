package dev.forecourt.inventory.application;

import dev.forecourt.inventory.domain.Money;
import dev.forecourt.inventory.infrastructure.ValuationClient;
import dev.forecourt.inventory.infrastructure.ValuationGateway;
import dev.forecourt.platform.observability.UseCase;
import dev.forecourt.platform.persistence.StoredTime;
import dev.forecourt.platform.security.ApiKeyScope;
import dev.forecourt.platform.security.DealershipScoped;
import dev.forecourt.platform.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Values vehicles through the external valuation service, guarded by MicroProfile Fault Tolerance:
 * each attempt is bounded by a timeout, failures are retried with jitter, a circuit breaker stops
 * calling a service that keeps failing, and the fallback answers the last known valuation or a
 * list-price-based estimate. Every parameter can be overridden by MP Config, e.g. {@code
 * dev.forecourt.inventory.application.ValuationService/estimate/Timeout/value}.
 */
@UseCase
@Stateless
@RolesAllowed({Role.SALES_NAME, Role.MANAGER_NAME, Role.ADMIN_NAME, ApiKeyScope.INVENTORY_READ})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ValuationService {

  /**
   * What a used car typically fetches relative to its asking price, when nothing better is known.
   */
  static final BigDecimal LIST_PRICE_FACTOR = new BigDecimal("0.92");

  @Inject ValuationGateway gateway;

  @EJB ValuationHistory history;

  @Timeout(2000)
  @Retry(
      maxRetries = 2,
      delay = 200,
      jitter = 100,
      retryOn = {ValuationUnavailableException.class, TimeoutException.class},
      abortOn = ValuationNotConfiguredException.class)
  @CircuitBreaker(
      requestVolumeThreshold = 10,
      failureRatio = 0.5,
      delay = 10_000,
      successThreshold = 1,
      skipOn = ValuationNotConfiguredException.class)
  @Fallback(fallbackMethod = "estimateWithoutService")
  @DealershipScoped
  public ValuationView estimate(VehicleView vehicle) {
    ValuationClient.Quote quote = gateway.quote(vehicle);
    Money value = Money.of(quote.amount(), quote.currency());
    Instant now = StoredTime.now();
    history.record(vehicle.id(), value, now);
    return new ValuationView(
        vehicle.id(),
        value.amount(),
        value.currency(),
        ValuationView.SOURCE_SERVICE,
        "market",
        now);
  }

  /** The fallback: the last valuation the service gave, else a fraction of the list price. */
  public ValuationView estimateWithoutService(VehicleView vehicle) {
    return history
        .lastKnown(vehicle.id())
        .map(
            last ->
                new ValuationView(
                    vehicle.id(),
                    last.value().amount(),
                    last.value().currency(),
                    ValuationView.SOURCE_FALLBACK,
                    "last-known",
                    last.valuedAt()))
        .orElseGet(
            () -> {
              Money estimate =
                  Money.of(vehicle.price(), vehicle.currency()).times(LIST_PRICE_FACTOR);
              return new ValuationView(
                  vehicle.id(),
                  estimate.amount(),
                  estimate.currency(),
                  ValuationView.SOURCE_FALLBACK,
                  "list-price",
                  StoredTime.now());
            });
  }
}
