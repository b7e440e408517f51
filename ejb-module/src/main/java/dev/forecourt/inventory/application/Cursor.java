package dev.forecourt.inventory.application;

import dev.forecourt.platform.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The position after the last row of a page: the sort it belongs to, that row's sort value and id.
 * Opaque to clients (base64url); a cursor of another sort, or a forged one, is a 400.
 */
record Cursor(VehicleSort sort, Object value, long id) {

  String encode() {
    String plain = sort + "|" + value + "|" + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  static Cursor decode(String token, VehicleSort expectedSort) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      String[] parts = plain.split("\\|", -1);
      if (parts.length != 3) {
        throw new IllegalArgumentException("shape");
      }
      if (!parts[0].equals(expectedSort.toString())) {
        throw ProblemException.invalidParameter("cursor", "belongs to another sort order");
      }
      return new Cursor(
          expectedSort, expectedSort.field().parse(parts[1]), Long.parseLong(parts[2]));
    } catch (ProblemException e) {
      throw e;
    } catch (RuntimeException e) {
      throw ProblemException.invalidParameter("cursor", "is not a cursor issued by this API");
    }
  }

  static Cursor after(VehicleSort sort, VehicleView last) {
    return new Cursor(sort, sort.field().valueOf(last), last.id());
  }
}
