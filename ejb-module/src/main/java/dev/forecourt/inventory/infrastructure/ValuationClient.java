package dev.forecourt.inventory.infrastructure;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;

/**
 * The external vehicle valuation service (MicroProfile Rest Client; built by {@link
 * ValuationGateway}). The path sits on the method: a class-level {@code @Path} would make JAX-RS
 * scan this as a resource.
 */
public interface ValuationClient {

  /** The market value the service estimates for a vehicle. */
  record Quote(String vin, BigDecimal amount, String currency) {}

  @GET
  @Path("/valuations")
  @Produces(MediaType.APPLICATION_JSON)
  Quote quote(
      @QueryParam("vin") String vin,
      @QueryParam("mileage") int mileage,
      @QueryParam("currency") String currency);
}
