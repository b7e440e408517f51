package dev.forecourt.inventory.api;

import dev.forecourt.inventory.application.VehicleSearch;
import dev.forecourt.inventory.application.VehicleSort;
import dev.forecourt.inventory.domain.VehicleStatus;
import dev.forecourt.platform.problem.ProblemException;
import jakarta.ws.rs.QueryParam;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.function.Function;

/**
 * The query parameters of {@code GET /vehicles}, taken as text and parsed here so that a bad value
 * ({@code yearFrom=abc}, {@code limit=500}) is a 400 problem naming the parameter, not the 404 the
 * JAX-RS default conversion would give.
 */
public class VehicleSearchParams {

  @QueryParam("make") String make;
  @QueryParam("model") String model;
  @QueryParam("yearFrom") String yearFrom;
  @QueryParam("yearTo") String yearTo;
  @QueryParam("priceMin") String priceMin;
  @QueryParam("priceMax") String priceMax;
  @QueryParam("status") String status;
  @QueryParam("dealership") String dealership;
  @QueryParam("sort") String sort;
  @QueryParam("cursor") String cursor;
  @QueryParam("limit") String limit;

  VehicleSearch toSearch() {
    Integer from = parse("yearFrom", yearFrom, Integer::valueOf, "must be a whole number");
    Integer to = parse("yearTo", yearTo, Integer::valueOf, "must be a whole number");
    BigDecimal min = parse("priceMin", priceMin, BigDecimal::new, "must be a decimal number");
    BigDecimal max = parse("priceMax", priceMax, BigDecimal::new, "must be a decimal number");
    if (min != null && min.signum() < 0) {
      throw ProblemException.invalidParameter("priceMin", "must not be negative");
    }
    Integer size = parse("limit", limit, Integer::valueOf, "must be a whole number");
    if (size != null && (size < 1 || size > VehicleSearch.MAX_LIMIT)) {
      throw ProblemException.invalidParameter("limit", "must be between 1 and " + VehicleSearch.MAX_LIMIT);
    }
    VehicleStatus state =
        parse("status", status, s -> VehicleStatus.valueOf(s.toUpperCase(Locale.ROOT)), "must be AVAILABLE, RESERVED or SOLD");
    return new VehicleSearch(
        blankToNull(make),
        blankToNull(model),
        from,
        to,
        min,
        max,
        state,
        blankToNull(dealership),
        VehicleSort.parse(sort),
        blankToNull(cursor),
        size == null ? VehicleSearch.DEFAULT_LIMIT : size);
  }

  private static <T> T parse(String name, String raw, Function<String, T> parser, String message) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return parser.apply(raw.trim());
    } catch (IllegalArgumentException e) {
      throw ProblemException.invalidParameter(name, message);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
