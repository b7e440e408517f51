package dev.forecourt.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IntrusionPatternsTest {

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '§',
      value = {
        "' OR 1=1 --|sql-injection",
        "admin'--|sql-injection",
        "1' or '1'='1|sql-injection",
        "\" or \"a\"=\"a|sql-injection",
        "x') or true--|sql-injection",
        "1 UNION ALL SELECT username, password_hash FROM user_account|sql-injection",
        "1 union/**/select null|sql-injection",
        "1; DROP TABLE vehicle|sql-injection",
        "1 AND pg_sleep(5)|sql-injection",
        "1'; WAITFOR DELAY '0:0:5'--|sql-injection",
        "select * from information_schema.tables|sql-injection",
        "%27%20OR%201%3D1--|sql-injection",
        "%2527%2520OR%25201%253D1--|sql-injection",
        "<script>alert(1)</script>|xss",
        "<ScRiPt src=//evil.example/x.js>|xss",
        "<img src=x onerror=alert(1)>|xss",
        "\"><svg/onload=alert(1)>|xss",
        "javascript:alert(document.cookie)|xss",
        "\" onmouseover=\"alert(1)|xss",
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E|xss",
        "<iframe srcdoc=x>|xss",
        "data:text/html;base64,PHNjcmlwdD4=|xss",
        "../../etc/passwd|path-traversal",
        "..\\..\\windows\\win.ini|path-traversal",
        "%2e%2e%2f%2e%2e%2fetc%2fpasswd|path-traversal",
        "%252e%252e%252f|path-traversal",
        "/api/v1/vehicles/..%2F..%2Fadmin|path-traversal",
        "file:///etc/shadow|path-traversal",
        "photo.jpg%00.php|path-traversal",
      })
  void attacksAreRecognised(String value, String rule) {
    assertEquals(Optional.of(rule), IntrusionPatterns.match(value));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Volkswagen",
        "Golf GTI 2.0 TSI",
        "O'Brien and Sons",
        "Select the best from our range",
        "Drop by for a test drive; we update stock daily",
        "Mercedes-Benz",
        "C-Class 220d AMG Line",
        "WVWZZZ1JZXW000001",
        "alice@example.com",
        "+49 30 1234567",
        "Rock 'n' roll",
        "10% off",
        "price:asc",
        "2019",
        "red/black",
        "one = two",
        "Sold online = cheaper",
        "/api/v1/vehicles/1001",
        "3.5 < 4",
        "Grand Touring... edition",
        "C:\\Users\\fleet.csv",
        "Tom's car -- like new"
      })
  void ordinaryValuesPass(String value) {
    assertEquals(Optional.empty(), IntrusionPatterns.match(value));
  }
}
