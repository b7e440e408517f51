package dev.forecourt.inventory.infrastructure;

import dev.forecourt.inventory.application.ValuationNotConfiguredException;
import dev.forecourt.inventory.application.ValuationSettings;
import dev.forecourt.inventory.application.ValuationUnavailableException;
import dev.forecourt.inventory.application.VehicleView;
import dev.forecourt.platform.config.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * Asks the external valuation service at {@code forecourt.valuation.url}. Translates every failure
 * into {@link ValuationUnavailableException}; the fault-tolerance policy lives on the caller,
 * {@link dev.forecourt.inventory.application.ValuationService}.
 */
@ApplicationScoped
public class ValuationGateway {

  @Inject Settings settings;

  private ValuationClient client;

  @PostConstruct
  void connect() {
    client =
        settings
            .find(ValuationSettings.URL)
            .map(
                url ->
                    RestClientBuilder.newBuilder()
                        .baseUri(url)
                        .connectTimeout(2, TimeUnit.SECONDS)
                        .readTimeout(10, TimeUnit.SECONDS)
                        .build(ValuationClient.class))
            .orElse(null);
  }

  public ValuationClient.Quote quote(VehicleView vehicle) {
    if (client == null) {
      throw new ValuationNotConfiguredException();
    }
    try {
      ValuationClient.Quote quote =
          client.quote(vehicle.vin(), vehicle.mileage(), vehicle.currency());
      if (quote == null
          || quote.amount() == null
          || quote.amount().signum() < 0
          || quote.currency() == null) {
        throw new ValuationUnavailableException(
            "the valuation service answered an unusable quote", null);
      }
      return quote;
    } catch (WebApplicationException | ProcessingException e) {
      throw new ValuationUnavailableException("the valuation service failed: " + e.getMessage(), e);
    }
  }
}
