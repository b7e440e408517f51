package dev.forecourt.inventory.application;

import dev.forecourt.inventory.domain.VehicleStatus;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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

  /** The same query from {@code next} on (the cursor of the page before). */
  public VehicleSearch from(String next) {
    return new VehicleSearch(
        make,
        model,
        yearFrom,
        yearTo,
        priceMin,
        priceMax,
        status,
        dealershipCode,
        sort,
        next,
        limit);
  }

  /**
   * The query as one unambiguous text (each field URL-encoded, in order, joined by {@code &}): two
   * queries have the same key exactly when they are equal, so it can key a cached answer.
   */
  public String key() {
    return Stream.of(
            make,
            model,
            yearFrom,
            yearTo,
            priceMin,
            priceMax,
            status,
            dealershipCode,
            sort,
            cursor,
            limit)
        .map(v -> v == null ? "~" : URLEncoder.encode(Objects.toString(v), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
