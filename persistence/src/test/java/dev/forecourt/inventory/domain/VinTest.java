package dev.forecourt.inventory.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class VinTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1M8GDM9AXKP042788",
        "11111111111111111",
        "1HGCM82633A004352",
        "5YJSA1E18HF000337"
      })
  void acceptsVinsWithCorrectCheckDigit(String vin) {
    assertTrue(Vin.isValid(vin));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "1M8GDM9AXKP04278", // 16 characters
        "1M8GDM9AXKP0427889", // 18 characters
        "1M8GDM9A1KP042788", // wrong check digit
        "1M8GDM9AXKP04278O", // O is not allowed
        "IM8GDM9AXKP042788", // I is not allowed
        "1M8GDM9AXKP04278-"
      })
  void rejectsMalformedVins(String vin) {
    assertFalse(Vin.isValid(vin));
  }

  @Test
  void normalisesToUpperCase() {
    assertEquals("1M8GDM9AXKP042788", Vin.of(" 1m8gdm9axkp042788 ").value());
  }

  @Test
  void checkDigitTenIsWrittenAsX() {
    assertEquals('X', Vin.checkDigit("1M8GDM9A0KP042788"));
  }

  @Test
  void ofRejectsInvalid() {
    assertThrows(IllegalArgumentException.class, () -> Vin.of("1M8GDM9A1KP042788"));
  }
}
