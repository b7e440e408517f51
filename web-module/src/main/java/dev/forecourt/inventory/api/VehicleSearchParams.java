package dev.forecourt.inventory.api;

import dev.forecourt.inventory.application.VehicleSearch;
import dev.forecourt.inventory.application.VehicleSort;
import dev.forecourt.inventory.domain.VehicleStatus;
import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.web.QueryParams;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * The query parameters of {@code GET /vehicles}, taken as text and parsed here so that a bad value
 * ({@code yearFrom=abc}, {@code limit=500}) is a 400 problem naming the parameter, not the 404 the
 * JAX-RS default conversion would give. They are declared as {@code @QueryParam}s of the resource
 * method, not as a {@code @BeanParam}: the server's OpenAPI scanner does not look into bean params,
 * so they would be missing from {@code /openapi} and from Swagger UI's "Try it out".
 */
public class VehicleSearchParams {

  private final String make;

  private final String model;

  private final String yearFrom;

  private final String yearTo;

  private final String priceMin;

  private final String priceMax;

  private final String status;

  private final String dealership;

  private final String sort;

  private final String cursor;

  private final String limit;

  VehicleSearchParams(
      String make,
      String model,
      String yearFrom,
      String yearTo,
      String priceMin,
      String priceMax,
      String status,
      String dealership,
      String sort,
      String cursor,
      String limit) {
    this.make = make;
    this.model = model;
    this.yearFrom = yearFrom;
    this.yearTo = yearTo;
    this.priceMin = priceMin;
    this.priceMax = priceMax;
    this.status = status;
    this.dealership = dealership;
    this.sort = sort;
    this.cursor = cursor;
    this.limit = limit;
  }

  VehicleSearch toSearch() {
    Integer from =
        QueryParams.parse("yearFrom", yearFrom, Integer::valueOf, "must be a whole number");
    Integer to = QueryParams.parse("yearTo", yearTo, Integer::valueOf, "must be a whole number");
    BigDecimal min =
        QueryParams.parse("priceMin", priceMin, BigDecimal::new, "must be a decimal number");
    BigDecimal max =
        QueryParams.parse("priceMax", priceMax, BigDecimal::new, "must be a decimal number");
    if (min != null && min.signum() < 0) {
      throw ProblemException.invalidParameter("priceMin", "must not be negative");
    }
    VehicleStatus state =
        QueryParams.parse(
            "status",
            status,
            s -> VehicleStatus.valueOf(s.toUpperCase(Locale.ROOT)),
            "must be AVAILABLE, RESERVED or SOLD");
    return new VehicleSearch(
        QueryParams.text(make),
        QueryParams.text(model),
        from,
        to,
        min,
        max,
        state,
        QueryParams.text(dealership),
        VehicleSort.parse(sort),
        QueryParams.text(cursor),
        QueryParams.limit(limit, VehicleSearch.DEFAULT_LIMIT, VehicleSearch.MAX_LIMIT));
  }
}
