package dev.forecourt.inventory.application;

import dev.forecourt.inventory.domain.VehicleStatus;
import java.math.BigDecimal;

/**
 * A vehicle list query: filters (null means any), the sort order, the cursor of the page to read
 * (null for the first) and the page size.
 */
public record VehicleSearch(
    String make,
    String model,
    Integer yearFrom,
    Integer yearTo,
    BigDecimal priceMin,
    BigDecimal priceMax,
    VehicleStatus status,
    String dealershipCode,
    VehicleSort sort,
    String cursor,
    int limit) {

  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;
}
