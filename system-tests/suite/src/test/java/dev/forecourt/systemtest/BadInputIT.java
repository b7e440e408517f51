package dev.forecourt.systemtest;

import static dev.forecourt.systemtest.support.Vehicles.api;
import static dev.forecourt.systemtest.support.Vehicles.draft;
import static dev.forecourt.systemtest.support.Vehicles.vin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.Vehicles;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Year;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad-input path of the inventory API, on the deployed EAR: the exact status, the problem
 * type, the correlation id, and nothing leaked (no stack trace, class name, SQL or file path).
 */
@ExtendWith(ForecourtServer.class)
class BadInputIT {

  private static final String PROBLEMS = "https://forecourt.dev/problems/";

  /** What must never reach a client: exception class names, stack frames, SQL, file paths. */
  private static final Pattern LEAK =
      Pattern.compile(
          "(?i)exception|\\bat [a-z]+\\.|\\.java\\b|\\bselect\\b|\\binsert\\b|\\bfrom vehicle|org\\.|java\\.|jakarta\\.|/usr/|/tmp/|/home/|sqlstate");

  private static long vehicleId;
  private static String vehicleVin;
  private static String vehicleEtag;

  @BeforeAll
  static void vehicle() {
    vehicleVin = vin();
    Response created =
        api().contentType(ContentType.JSON).body(draft(vehicleVin, "10000")).post("/vehicles");
    vehicleId = created.then().statusCode(201).extract().jsonPath().getLong("id");
    vehicleEtag = created.header("ETag");
  }

  static Stream<Arguments> badRequests() {
    String big = "{\"vin\":\"" + "A".repeat(1_100_000) + "\"}";
    int nextYear = Year.now().getValue() + 1;
    return Stream.of(
        bad(
            "malformed JSON",
            400,
            "malformed-request",
            r -> r.contentType(ContentType.JSON).body("{\"vin\": ").post("/vehicles")),
        bad(
            "JSON of the wrong shape",
            400,
            "malformed-request",
            r -> r.contentType(ContentType.JSON).body("[1,2,3]").post("/vehicles")),
        bad(
            "a number field given text",
            400,
            "malformed-request",
            r ->
                r.contentType(ContentType.JSON)
                    .body(json(Map.of("modelYear", "abc")))
                    .post("/vehicles")),
        bad(
            "an empty body",
            400,
            "malformed-request",
            r -> r.contentType(ContentType.JSON).body("").post("/vehicles")),
        bad(
            "yearFrom=abc",
            400,
            "invalid-parameter",
            r -> r.queryParam("yearFrom", "abc").get("/vehicles")),
        bad(
            "priceMax=cheap",
            400,
            "invalid-parameter",
            r -> r.queryParam("priceMax", "cheap").get("/vehicles")),
        bad(
            "priceMin negative",
            400,
            "invalid-parameter",
            r -> r.queryParam("priceMin", "-1").get("/vehicles")),
        bad(
            "status=STOLEN",
            400,
            "invalid-parameter",
            r -> r.queryParam("status", "STOLEN").get("/vehicles")),
        bad(
            "limit over the maximum",
            400,
            "invalid-parameter",
            r -> r.queryParam("limit", "101").get("/vehicles")),
        bad(
            "limit zero",
            400,
            "invalid-parameter",
            r -> r.queryParam("limit", "0").get("/vehicles")),
        bad(
            "unknown sort field",
            400,
            "invalid-parameter",
            r -> r.queryParam("sort", "vin").get("/vehicles")),
        bad(
            "SQL in the sort field",
            400,
            "request-rejected",
            r -> r.queryParam("sort", "vin; drop table vehicle").get("/vehicles")),
        bad(
            "forged cursor",
            400,
            "invalid-parameter",
            r -> r.queryParam("cursor", "not-a-cursor").get("/vehicles")),
        bad(
            "invalid VIN",
            422,
            "validation-failed",
            r ->
                r.contentType(ContentType.JSON)
                    .body(with("vin", "1M8GDM9A1KP042788"))
                    .post("/vehicles")),
        bad(
            "negative price",
            422,
            "validation-failed",
            r -> r.contentType(ContentType.JSON).body(with("price", "-1")).post("/vehicles")),
        bad(
            "model year after next year",
            422,
            "validation-failed",
            r ->
                r.contentType(ContentType.JSON)
                    .body(with("modelYear", nextYear + 1))
                    .post("/vehicles")),
        bad(
            "negative mileage",
            422,
            "validation-failed",
            r -> r.contentType(ContentType.JSON).body(with("mileage", -5)).post("/vehicles")),
        bad(
            "unknown currency code shape",
            422,
            "validation-failed",
            r -> r.contentType(ContentType.JSON).body(with("currency", "euro")).post("/vehicles")),
        bad(
            "unknown dealership",
            422,
            "validation-failed",
            r ->
                r.contentType(ContentType.JSON)
                    .body(with("dealershipCode", "XXX"))
                    .post("/vehicles")),
        bad("unknown vehicle id", 404, "not-found", r -> r.get("/vehicles/999999999")),
        bad("non-numeric vehicle id", 404, "not-found", r -> r.get("/vehicles/abc")),
        bad("unknown path", 404, "not-found", r -> r.get("/no-such-thing")),
        bad(
            "valuation of an unknown vehicle",
            404,
            "not-found",
            r -> r.get("/vehicles/999999999/valuation")),
        bad(
            "duplicate VIN",
            409,
            "duplicate",
            r -> r.contentType(ContentType.JSON).body(draft(vehicleVin, "1")).post("/vehicles")),
        bad(
            "PUT without If-Match",
            428,
            "precondition-required",
            r ->
                r.contentType(ContentType.JSON)
                    .body(draft(vehicleVin, "1"))
                    .put("/vehicles/" + vehicleId)),
        bad(
            "PUT with a stale If-Match",
            412,
            "precondition-failed",
            r ->
                r.contentType(ContentType.JSON)
                    .header("If-Match", "\"987654\"")
                    .body(draft(vehicleVin, "1"))
                    .put("/vehicles/" + vehicleId)),
        bad(
            "PUT with a garbage If-Match",
            412,
            "precondition-failed",
            r ->
                r.contentType(ContentType.JSON)
                    .header("If-Match", "whatever")
                    .body(draft(vehicleVin, "1"))
                    .put("/vehicles/" + vehicleId)),
        bad(
            "PUT changing the VIN",
            422,
            "validation-failed",
            r ->
                r.contentType(ContentType.JSON)
                    .header("If-Match", vehicleEtag)
                    .body(draft(vin(), "1"))
                    .put("/vehicles/" + vehicleId)),
        bad(
            "wrong Content-Type",
            415,
            "unsupported-media-type",
            r -> r.contentType(ContentType.TEXT).body("vin=1").post("/vehicles")),
        bad(
            "XML body",
            415,
            "unsupported-media-type",
            r -> r.contentType(ContentType.XML).body("<vehicle/>").post("/vehicles")),
        bad(
            "body over 1 MiB",
            413,
            "payload-too-large",
            r -> r.contentType(ContentType.JSON).body(big).post("/vehicles")),
        bad(
            "deals of status=WON",
            400,
            "invalid-parameter",
            r -> r.queryParam("status", "WON").get("/deals")),
        bad(
            "deals, limit zero",
            400,
            "invalid-parameter",
            r -> r.queryParam("limit", "0").get("/deals")),
        bad(
            "deals, forged cursor",
            400,
            "invalid-parameter",
            r -> r.queryParam("cursor", "x").get("/deals")),
        bad(
            "test drives without a vehicle or a period",
            400,
            "invalid-parameter",
            r -> r.get("/test-drives")),
        bad(
            "test drives from a month 13",
            400,
            "invalid-parameter",
            r ->
                r.queryParam("from", "2026-13-01")
                    .queryParam("to", "2026-12-07")
                    .get("/test-drives")),
        bad(
            "test drives to before from",
            400,
            "invalid-parameter",
            r ->
                r.queryParam("from", "2026-12-07")
                    .queryParam("to", "2026-12-01")
                    .get("/test-drives")),
        bad(
            "test drives over 32 days",
            400,
            "invalid-parameter",
            r ->
                r.queryParam("from", "2026-01-01")
                    .queryParam("to", "2026-02-15")
                    .get("/test-drives")),
        bad(
            "test drives of status=DRIVEN",
            400,
            "invalid-parameter",
            r ->
                r.queryParam("from", "2026-12-01")
                    .queryParam("to", "2026-12-07")
                    .queryParam("status", "DRIVEN")
                    .get("/test-drives")),
        bad(
            "test drives, limit over 500",
            400,
            "invalid-parameter",
            r ->
                r.queryParam("from", "2026-12-01")
                    .queryParam("to", "2026-12-07")
                    .queryParam("limit", "501")
                    .get("/test-drives")),
        bad("method not allowed", 405, "method-not-allowed", r -> r.delete("/ping")),
        bad(
            "unacceptable Accept",
            406,
            "not-acceptable",
            r -> r.accept("application/xml").get("/vehicles/" + vehicleId)));
  }

  @ParameterizedTest(name = "{0} -> {1} {2}")
  @MethodSource("badRequests")
  void isAnsweredWithAProblem(
      String what, int status, String type, Function<RequestSpecification, Response> call) {
    Response response = call.apply(api());
    response
        .then()
        .statusCode(status)
        .contentType("application/problem+json")
        .body("type", equalTo(PROBLEMS + type))
        .body("status", equalTo(status))
        .body("title", notNullValue())
        .body("correlationId", equalTo(response.header("X-Correlation-Id")));
    String body = response.asString();
    assertFalse(
        LEAK.matcher(body.replace(PROBLEMS, "")).find(), what + " leaked internals: " + body);
  }

  @Test
  void validationNamesEveryBadField() {
    api()
        .contentType(ContentType.JSON)
        .body(Map.of("vin", "123", "price", "-3"))
        .post("/vehicles")
        .then()
        .statusCode(422)
        .body("errors.field", hasItem("vin"))
        .body("errors.field", hasItem("price"))
        .body("errors.field", hasItem("make"))
        .body("errors.field", hasItem("dealershipCode"));
  }

  @Test
  void aCallersCorrelationIdIsEchoed() {
    api()
        .header("X-Correlation-Id", "dealer-web-42")
        .get("/vehicles/999999999")
        .then()
        .statusCode(404)
        .header("X-Correlation-Id", "dealer-web-42")
        .body("correlationId", equalTo("dealer-web-42"));
  }

  @Test
  void anUnsafeCorrelationIdIsReplaced() {
    Response r = api().header("X-Correlation-Id", "bad<script>").get("/vehicles/999999999");
    r.then().statusCode(404);
    assertFalse(r.header("X-Correlation-Id").contains("<"));
    assertEquals(r.header("X-Correlation-Id"), r.jsonPath().getString("correlationId"));
  }

  @Test
  void aRejectedUpdateChangesNothing() {
    api()
        .contentType(ContentType.JSON)
        .header("If-Match", "\"987654\"")
        .body(draft(vehicleVin, "1"))
        .put("/vehicles/" + vehicleId)
        .then()
        .statusCode(412);
    api().get("/vehicles/{id}", vehicleId).then().statusCode(200).body("price", equalTo(10000.0f));
  }

  private static Arguments bad(
      String what, int status, String type, Function<RequestSpecification, Response> call) {
    return Arguments.of(what, status, type, call);
  }

  private static Map<String, Object> with(String field, Object value) {
    Map<String, Object> body = Vehicles.draft(vin(), "10000");
    body.put(field, value);
    return body;
  }

  private static String json(Map<String, Object> fields) {
    StringBuilder sb = new StringBuilder("{");
    fields.forEach(
        (k, v) ->
            sb.append(sb.length() > 1 ? "," : "")
                .append('"')
                .append(k)
                .append("\":\"")
                .append(v)
                .append('"'));
    return sb.append('}').toString();
  }
}
