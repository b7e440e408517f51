package dev.forecourt.systemtest.support;

import static dev.forecourt.systemtest.support.Accounts.as;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Leads and their funnel through the API, for tests that need a lead at some stage. */
public final class Leads {

  private Leads() {}

  /** A body for POST /leads with a new customer at {@code dealership}. */
  public static Map<String, Object> draft(String dealership, Long vehicleId) {
    Map<String, Object> customer = new LinkedHashMap<>();
    customer.put("firstName", "Erika");
    customer.put("lastName", "Mustermann-" + UUID.randomUUID().toString().substring(0, 8));
    customer.put("email", "erika." + UUID.randomUUID().toString().substring(0, 8) + "@example.org");
    customer.put("phone", "+49 30 1234567");
    customer.put("consentMarketing", false);
    customer.put("consentContact", true);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("customer", customer);
    body.put("dealershipCode", dealership);
    if (vehicleId != null) {
      body.put("vehicleId", vehicleId);
    }
    body.put("source", "WEBSITE");
    body.put("note", "Asked for a test drive on the website");
    return body;
  }

  /** A NEW lead at BER created by {@code who}. */
  public static long create(String who) {
    return as(who)
        .contentType(ContentType.JSON)
        .body(draft("BER", null))
        .post("/leads")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getLong("id");
  }

  /** Moves the lead through {@code stages} in order, each answered 200. */
  public static void advance(String who, long lead, String... stages) {
    for (String stage : stages) {
      transition(as(who), lead, stage, null).then().statusCode(200);
    }
  }

  /** A QUALIFIED lead at BER created by {@code who}. */
  public static long qualified(String who) {
    long lead = create(who);
    advance(who, lead, "CONTACTED", "QUALIFIED");
    return lead;
  }

  public static io.restassured.response.Response transition(
      RequestSpecification request, long lead, String status, String reason) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status);
    if (reason != null) {
      body.put("reason", reason);
    }
    return request
        .contentType(ContentType.JSON)
        .header("If-Match", ifMatch("sales_lead", lead))
        .body(body)
        .post("/leads/{id}/transitions", lead);
  }

  /**
   * The If-Match a client that has just read the row would send: its version as ETag (from the
   * database, so that callers who may not read it still get past the 428); "0" for an unknown id.
   */
  public static String ifMatch(String table, long id) {
    return "\""
        + ForecourtServer.queryLong(
            "select coalesce(max(version), 0) from " + table + " where id = " + id)
        + "\"";
  }

  /**
   * A deal of {@code lead} for {@code vehicle} at {@code price}, made and closed by the sales demo
   * user (the vehicle SOLD, the lead WON); answers the deal's id.
   */
  public static long closedDeal(long lead, long vehicle, String price) {
    long deal = openDeal(lead, vehicle, price);
    close(as("sales"), deal).then().statusCode(200);
    return deal;
  }

  /**
   * A deal of {@code lead} for {@code vehicle} at {@code price}, opened by the sales demo user (the
   * vehicle RESERVED); answers the deal's id.
   */
  public static long openDeal(long lead, long vehicle, String price) {
    return as("sales")
        .contentType(ContentType.JSON)
        .body(deal(lead, vehicle, price))
        .post("/deals")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getLong("id");
  }

  /**
   * A test drive of {@code lead} in {@code vehicle} from {@code startsAt} for {@code minutes},
   * booked by the sales demo user; answers the booking's id.
   */
  public static long bookedTestDrive(long lead, long vehicle, String startsAt, int minutes) {
    return as("sales")
        .contentType(ContentType.JSON)
        .body(testDrive(lead, vehicle, startsAt, minutes))
        .post("/test-drives")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getLong("id");
  }

  /** POST /deals/{id}/close with the deal's current ETag in If-Match. */
  public static io.restassured.response.Response close(RequestSpecification request, long deal) {
    return request.header("If-Match", ifMatch("deal", deal)).post("/deals/{id}/close", deal);
  }

  /** POST /deals/{id}/cancel with the deal's current ETag in If-Match. */
  public static io.restassured.response.Response cancel(RequestSpecification request, long deal) {
    return request.header("If-Match", ifMatch("deal", deal)).post("/deals/{id}/cancel", deal);
  }

  /** A body for POST /deals. */
  public static Map<String, Object> deal(long lead, long vehicle, String price) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("leadId", lead);
    body.put("vehicleId", vehicle);
    body.put("salePrice", price);
    body.put("currency", "EUR");
    body.put("tradeInValue", "2500.00");
    body.put("financed", true);
    return body;
  }

  /** A body for POST /test-drives. */
  public static Map<String, Object> testDrive(
      long lead, long vehicle, String startsAt, int minutes) {
    return Map.of(
        "leadId", lead, "vehicleId", vehicle, "startsAt", startsAt, "durationMinutes", minutes);
  }
}
