package dev.forecourt.inventory.application;

import dev.forecourt.platform.problem.ProblemException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The orders a vehicle list can be sorted in: a whitelisted field, ascending or descending, always
 * followed by the id so that the order is total and keyset pagination is exact.
 */
public record VehicleSort(Field field, boolean descending) {

  /** Newest listings first. */
  public static final VehicleSort DEFAULT = new VehicleSort(Field.CREATED_AT, true);

  /** A sortable field: its API name, its JPQL path and how its cursor value is parsed. */
  public enum Field {
    CREATED_AT("createdAt", "v.createdAt", Instant::parse),
    PRICE("price", "v.listPrice.amount", BigDecimal::new),
    MODEL_YEAR("modelYear", "v.spec.modelYear", Integer::valueOf),
    MILEAGE("mileage", "v.mileage", Integer::valueOf);

    private final String apiName;
    private final String path;
    private final Function<String, Object> parser;

    Field(String apiName, String path, Function<String, Object> parser) {
      this.apiName = apiName;
      this.path = path;
      this.parser = parser;
    }

    public String apiName() {
      return apiName;
    }

    String path() {
      return path;
    }

    Object parse(String value) {
      return parser.apply(value);
    }

    Object valueOf(VehicleView v) {
      return switch (this) {
        case CREATED_AT -> v.createdAt();
        case PRICE -> v.price();
        case MODEL_YEAR -> v.modelYear();
        case MILEAGE -> v.mileage();
      };
    }
  }

  /**
   * Parses {@code price} (ascending) or {@code -price} (descending); null or blank is the default
   * order.
   */
  public static VehicleSort parse(String raw) {
    if (raw == null || raw.isBlank()) {
      return DEFAULT;
    }
    boolean descending = raw.startsWith("-");
    String name = descending ? raw.substring(1) : raw;
    return Arrays.stream(Field.values())
        .filter(f -> f.apiName.equals(name))
        .findFirst()
        .map(f -> new VehicleSort(f, descending))
        .orElseThrow(
            () ->
                ProblemException.invalidParameter(
                    "sort",
                    "must be one of "
                        + Arrays.stream(Field.values())
                            .map(Field::apiName)
                            .collect(Collectors.joining(", "))
                        + ", optionally prefixed by '-'"));
  }

  @Override
  public String toString() {
    return (descending ? "-" : "") + field.apiName;
  }
}
