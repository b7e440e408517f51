package dev.forecourt.systemtest.support;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Builds vehicle request bodies and creates vehicles through the API. */
public final class Vehicles {

  private static final String VIN_CHARS = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ";
  private static final String LETTER_VALUES = "12345678.12345.7.923456789";
  private static final int[] WEIGHTS = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};

  private Vehicles() {}

  /** A request to /api/v1 as the demo admin (staff: sees and changes every vehicle). */
  public static RequestSpecification api() {
    return Accounts.as("admin");
  }

  /**
   * A random VIN with a correct ISO 3779 check digit, computed independently of the production code
   * so that a bug there cannot hide behind the test.
   */
  public static String vin() {
    char[] c = new char[17];
    for (int i = 0; i < 17; i++) {
      c[i] = VIN_CHARS.charAt(ThreadLocalRandom.current().nextInt(VIN_CHARS.length()));
    }
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      char ch = c[i];
      int v = Character.isDigit(ch) ? ch - '0' : LETTER_VALUES.charAt(ch - 'A') - '0';
      sum += v * WEIGHTS[i];
    }
    c[8] = sum % 11 == 10 ? 'X' : (char) ('0' + sum % 11);
    return new String(c);
  }

  /** A valid body for POST/PUT /vehicles at dealership BER (demo data). */
  public static Map<String, Object> draft(String vin, String price) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("vin", vin);
    body.put("make", "Skoda");
    body.put("model", "Octavia");
    body.put("trim", "Style");
    body.put("modelYear", 2022);
    body.put("mileage", 21_000);
    body.put("colour", "grey");
    body.put("price", price);
    body.put("currency", "EUR");
    body.put("dealershipCode", "BER");
    return body;
  }

  /**
   * PUT /vehicles/{id} as the admin: the vehicle as read, {@code changes} applied (e.g. a {@code
   * status}), with the ETag read in If-Match.
   */
  public static io.restassured.response.Response put(long id, Map<String, Object> changes) {
    io.restassured.response.Response read = api().get("/vehicles/{id}", id);
    read.then().statusCode(200);
    Map<String, Object> body =
        draft(read.jsonPath().getString("vin"), read.jsonPath().getString("price"));
    for (String field :
        java.util.List.of(
            "make", "model", "trim", "colour", "currency", "dealershipCode", "status")) {
      body.put(field, read.jsonPath().get(field));
    }
    body.put("modelYear", read.jsonPath().getInt("modelYear"));
    body.put("mileage", read.jsonPath().getInt("mileage"));
    body.putAll(changes);
    return api()
        .contentType(ContentType.JSON)
        .header("If-Match", read.header("ETag"))
        .body(body)
        .put("/vehicles/{id}", id);
  }

  /**
   * Creates a vehicle at {@code dealership} and gives it {@code status} by hand (admin); answers
   * its id.
   */
  public static long createWithStatus(String dealership, String status) {
    long id = createAt(dealership, "Octavia", "14000.00");
    put(id, Map.of("status", status)).then().statusCode(200);
    return id;
  }

  /** Creates a vehicle of {@code model} at {@code dealership} (admin); answers its id. */
  public static long createAt(String dealership, String model, String price) {
    Map<String, Object> body = draft(vin(), price);
    body.put("dealershipCode", dealership);
    body.put("model", model);
    return api()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/vehicles")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getLong("id");
  }

  /** Creates a vehicle and answers its id. */
  public static long create(String price) {
    return create(api(), price);
  }

  /** Creates a vehicle through {@code api} (a request to /api/v1 as staff) and answers its id. */
  public static long create(RequestSpecification api, String price) {
    return api.contentType(ContentType.JSON)
        .body(draft(vin(), price))
        .post("/vehicles")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getLong("id");
  }
}
