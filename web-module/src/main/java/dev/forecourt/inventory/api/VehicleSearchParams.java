package dev.forecourt.inventory.api;

import dev.forecourt.inventory.application.VehicleSearch;
import dev.forecourt.inventory.application.VehicleSort;
import dev.forecourt.inventory.domain.VehicleStatus;
import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.web.QueryParams;
import jakarta.ws.rs.QueryParam;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * The query parameters of {@code GET /vehicles}, taken as text and parsed here so that a bad value
 * ({@code yearFrom=abc}, {@code limit=500}) is a 400 problem naming the parameter, not the 404 the
 * JAX-RS default conversion would give.
 */
public class VehicleSearchParams {

  @QueryParam("make")
  String make;

  @QueryParam("model")
  String model;

  @QueryParam("yearFrom")
  String yearFrom;

  @QueryParam("yearTo")
  String yearTo;

  @QueryParam("priceMin")
  String priceMin;

  @QueryParam("priceMax")
  String priceMax;

  @QueryParam("status")
  String status;

  @QueryParam("dealership")
  String dealership;

  @QueryParam("sort")
  String sort;

  @QueryParam("cursor")
  String cursor;

  @QueryParam("limit")
  String limit;

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
