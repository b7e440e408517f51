package dev.forecourt.platform.web;

import dev.forecourt.platform.problem.ProblemException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Query parameters taken as text and parsed here, so that a bad value is a 400 {@code
 * invalid-parameter} naming the parameter (JAX-RS's own conversion would answer 404), and the
 * answer of a keyset-paginated list.
 */
public final class QueryParams {

  private QueryParams() {}

  /**
   * {@code raw} parsed, null when absent or blank; 400 with {@code message} when it does not parse.
   */
  public static <T> T parse(String name, String raw, Function<String, T> parser, String message) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return parser.apply(raw.trim());
    } catch (RuntimeException e) {
      throw ProblemException.invalidParameter(name, message);
    }
  }

  /** The value of an enum parameter, case-insensitive. */
  public static <E extends Enum<E>> E enumValue(String name, String raw, Class<E> type) {
    return parse(
        name,
        raw,
        s -> Enum.valueOf(type, s.toUpperCase(Locale.ROOT)),
        "must be one of " + List.of(type.getEnumConstants()));
  }

  /** A page size between 1 and {@code max}, {@code defaultValue} when absent. */
  public static int limit(String raw, int defaultValue, int max) {
    Integer size = parse("limit", raw, Integer::valueOf, "must be a whole number");
    if (size != null && (size < 1 || size > max)) {
      throw ProblemException.invalidParameter("limit", "must be between 1 and " + max);
    }
    return size == null ? defaultValue : size;
  }

  /** A numeric keyset cursor (the last id or number of the previous page). */
  public static Long cursor(String raw) {
    Long value = parse("cursor", raw, Long::valueOf, "must be the nextCursor of the previous page");
    if (value != null && value < 1) {
      throw ProblemException.invalidParameter(
          "cursor", "must be the nextCursor of the previous page");
    }
    return value;
  }

  /** The trimmed value, or null when absent or blank. */
  public static String text(String raw) {
    return raw == null || raw.isBlank() ? null : raw.trim();
  }

  /**
   * 200 with one page of {@code items}; when the page is full, a {@code nextCursor} and Link
   * rel="next".
   */
  public static <T> Response page(UriInfo uri, List<T> items, int limit, Function<T, Long> key) {
    String next =
        items.size() == limit ? Long.toString(key.apply(items.get(items.size() - 1))) : null;
    Response.ResponseBuilder response = Response.ok(new ItemPage<>(items, next));
    if (next != null) {
      response.link(uri.getRequestUriBuilder().replaceQueryParam("cursor", next).build(), "next");
    }
    return response.build();
  }

  /** A page of a list; {@code nextCursor} is absent on the last page. */
  public record ItemPage<T>(List<T> items, String nextCursor) {}
}
