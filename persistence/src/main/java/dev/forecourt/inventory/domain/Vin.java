package dev.forecourt.inventory.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Locale;
import java.util.Objects;

/**
 * A Vehicle Identification Number (ISO 3779, with the North-American check digit in position 9).
 * The business key of a vehicle.
 */
@Embeddable
public class Vin {

  /** ISO 3779 values of the letters A..Z; '.' marks I, O and Q, which a VIN never contains. */
  private static final String LETTER_VALUES = "12345678.12345.7.923456789";

  private static final int[] WEIGHTS = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};

  @Column(name = "vin", length = 17, nullable = false, unique = true, updatable = false)
  private String value;

  protected Vin() {}

  private Vin(String value) {
    this.value = value;
  }

  /**
   * Parses a VIN, normalising to upper case; throws {@link IllegalArgumentException} when invalid.
   */
  public static Vin of(String raw) {
    if (!isValid(raw)) {
      throw new IllegalArgumentException("not a valid VIN");
    }
    return new Vin(raw.trim().toUpperCase(Locale.ROOT));
  }

  /** True when {@code raw} has 17 allowed characters (no I, O, Q) and a correct check digit. */
  public static boolean isValid(String raw) {
    if (raw == null) {
      return false;
    }
    String vin = raw.trim().toUpperCase(Locale.ROOT);
    if (vin.length() != 17 || vin.chars().anyMatch(c -> transliterate((char) c) < 0)) {
      return false;
    }
    return vin.charAt(8) == checkDigit(vin);
  }

  /**
   * The check digit (position 9) for a 17-character VIN made of allowed characters: the weighted
   * sum of the transliterated characters modulo 11, 10 written as X.
   */
  public static char checkDigit(String vin17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += transliterate(Character.toUpperCase(vin17.charAt(i))) * WEIGHTS[i];
    }
    int check = sum % 11;
    return check == 10 ? 'X' : (char) ('0' + check);
  }

  private static int transliterate(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c < 'A' || c > 'Z') {
      return -1;
    }
    char value = LETTER_VALUES.charAt(c - 'A');
    return value == '.' ? -1 : value - '0';
  }

  public String value() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Vin other && Objects.equals(value, other.value);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
