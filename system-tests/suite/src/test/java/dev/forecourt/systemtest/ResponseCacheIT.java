package dev.forecourt.systemtest;

import static dev.forecourt.systemtest.support.Accounts.anonymous;
import static dev.forecourt.systemtest.support.Accounts.as;
import static dev.forecourt.systemtest.support.Vehicles.api;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.Leads;
import dev.forecourt.systemtest.support.Metrics;
import dev.forecourt.systemtest.support.Poll;
import dev.forecourt.systemtest.support.Vehicles;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The response cache of the deployed EAR (issue 14): hot reads answered from cached bytes with a
 * strong ETag, fresh after every change (a price, a status set by a deal or by hand), separate per
 * visibility class (anonymous, staff of given dealerships, admins), anonymous list pages served
 * stale while they are refreshed, and the admin endpoint that inspects and invalidates by tag. Demo
 * assignments: sales → BER, manager → BER and MUC, admin → all.
 */
@ExtendWith(ForecourtServer.class)
class ResponseCacheIT {

  private static final String PROBLEMS = "https://forecourt.dev/problems/";

  @Test
  void aRepeatedReadIsServedFromTheCacheWithTheSameBytesUntilTheVehicleChanges() {
    long id = Vehicles.create("20990.00");
    Response first = anonymous().get("/vehicles/{id}", id);
    first.then().statusCode(200).body("price", equalTo(20990.0f));
    double hits = hits();
    Response second = anonymous().get("/vehicles/{id}", id);
    second.then().statusCode(200).contentType(ContentType.JSON);
    assertArrayEquals(first.asByteArray(), second.asByteArray());
    assertEquals(first.header("ETag"), second.header("ETag"));
    assertTrue(hits() > hits, "the second read is a response-cache hit");

    // a change is visible to the very next read, by every visibility class
    Vehicles.put(id, Map.of("price", "19990.00")).then().statusCode(200);
    for (String who : List.of("anonymous", "sales", "admin")) {
      Response read = reader(who).get("/vehicles/{id}", id);
      read.then().statusCode(200).body("price", equalTo(19990.0f));
      assertNotEquals(first.header("ETag"), read.header("ETag"), who);
    }
  }

  @Test
  void aVehicleReservedByADealIsNoLongerServedToTheAnonymousFromTheCache() {
    long id = Vehicles.create("17990.00");
    anonymous().get("/vehicles/{id}", id).then().statusCode(200);
    anonymous().get("/vehicles/{id}", id).then().statusCode(200);

    long lead = Leads.qualified("sales");
    as("sales")
        .contentType(ContentType.JSON)
        .body(Leads.deal(lead, id, "17500.00"))
        .post("/deals")
        .then()
        .statusCode(201);

    anonymous()
        .get("/vehicles/{id}", id)
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("type", equalTo(PROBLEMS + "not-found"));
    as("sales")
        .get("/vehicles/{id}", id)
        .then()
        .statusCode(200)
        .body("status", equalTo("RESERVED"));
  }

  @Test
  void eachVisibilityClassHasItsOwnEntry() {
    long id = Vehicles.createWithStatus("VIE", "RESERVED");
    // the admin's answer is cached first; nobody else may be served from it
    api().get("/vehicles/{id}", id).then().statusCode(200);
    api().get("/vehicles/{id}", id).then().statusCode(200);
    anonymous().get("/vehicles/{id}", id).then().statusCode(404);
    as("sales").get("/vehicles/{id}", id).then().statusCode(404);
    as("manager").get("/vehicles/{id}", id).then().statusCode(404);

    String model = "Cache" + UUID.randomUUID().toString().substring(0, 8);
    long available = createAt("VIE", model);
    long reserved = createAt("VIE", model);
    Vehicles.put(reserved, Map.of("status", "RESERVED")).then().statusCode(200);
    assertEquals(List.of(available, reserved), ids(api(), model));
    assertEquals(List.of(available, reserved), ids(api(), model));
    assertEquals(List.of(available), ids(anonymous(), model));
    assertEquals(List.of(available), ids(as("manager"), model));
  }

  @Test
  void aListPageHasAStrongEtagAndAnswers304WhileUnchanged() {
    String model = "Cache" + UUID.randomUUID().toString().substring(0, 8);
    createAt("BER", model);
    Response page = anonymous().queryParam("model", model).get("/vehicles");
    page.then().statusCode(200);
    String etag = page.header("ETag");
    assertTrue(etag != null && etag.startsWith("\"") && !etag.startsWith("W/"), etag);

    Response unchanged =
        anonymous().queryParam("model", model).header("If-None-Match", etag).get("/vehicles");
    unchanged.then().statusCode(304).header("ETag", equalTo(etag));
    assertEquals("", unchanged.asString());
    // another caller's view of the same query is another page, with another tag
    Response staff = as("admin").queryParam("model", model).get("/vehicles");
    assertEquals(etag, staff.header("ETag"), "same vehicles, same bytes: same tag");
    as("sales")
        .queryParam("model", model)
        .header("If-None-Match", "\"not-it\"")
        .get("/vehicles")
        .then()
        .statusCode(200);
  }

  @Test
  void staffListsAreFreshAtOnceAndAnonymousListsWithinMoments() {
    String model = "Cache" + UUID.randomUUID().toString().substring(0, 8);
    long id = createAt("BER", model);
    assertEquals(List.of(14000.0f), prices(anonymous(), model));
    assertEquals(List.of(14000.0f), prices(as("sales"), model));

    Vehicles.put(id, Map.of("price", "13500.00")).then().statusCode(200);
    // staff read their own writes
    assertEquals(List.of(13500.0f), prices(as("sales"), model));
    // the public page is served once more as it was, while it is refreshed in the background
    double staleServed = Metrics.sum("forecourt_response_cache_stale_served", Map.of());
    assertEquals(List.of(14000.0f), prices(anonymous(), model));
    assertEquals(
        staleServed + 1, Metrics.sum("forecourt_response_cache_stale_served", Map.of()), 0.0);
    Poll.until(
        Duration.ofSeconds(10),
        () -> prices(anonymous(), model),
        p -> p.equals(List.of(13500.0f)),
        "the anonymous page shows the new price");

    Vehicles.put(id, Map.of("status", "RESERVED")).then().statusCode(200);
    assertEquals(List.of(13500.0f), prices(as("sales"), model));
    Poll.until(
        Duration.ofSeconds(10),
        () -> prices(anonymous(), model),
        List::isEmpty,
        "the reserved vehicle leaves the anonymous page");
  }

  @Test
  void anAdminInspectsAndInvalidatesByTagOnAudit() {
    long id = Vehicles.create("15990.00");
    anonymous().get("/vehicles/{id}", id).then().statusCode(200);
    String tag = "vehicle:" + id;

    JsonPath cache =
        as("admin")
            .queryParam("tag", tag)
            .get("/admin/response-cache")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals(List.of("vehicle:" + id + "|public"), cache.getList("listed.key"));
    assertEquals(List.of(true), cache.getList("listed.fresh"));
    assertEquals(List.of(List.of(tag, "dealership:BER")), cache.getList("listed.tags"));
    assertTrue(cache.getInt("entries") >= 1);

    String correlationId = "cache-" + UUID.randomUUID();
    as("admin")
        .header("X-Correlation-Id", correlationId)
        .queryParam("tag", tag)
        .delete("/admin/response-cache")
        .then()
        .statusCode(204);
    assertEquals(
        List.of(false),
        as("admin")
            .queryParam("tag", tag)
            .get("/admin/response-cache")
            .jsonPath()
            .getList("listed.fresh"));
    JsonPath audit =
        as("admin").queryParam("correlationId", correlationId).get("/admin/audit").jsonPath();
    assertEquals(List.of("response-cache-tag"), audit.getList("items.entityType"));
    assertEquals(List.of(tag), audit.getList("items.entityId"));

    String scrape = Metrics.scrape();
    for (String series :
        List.of(
            "forecourt_response_cache_hits",
            "forecourt_response_cache_misses",
            "forecourt_response_cache_stale_served",
            "forecourt_response_cache_entries",
            "forecourt_response_cache_invalidations")) {
      assertTrue(scrape.contains(series), series);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "vehicle:abc", "dealership:", "everything", "vehicles;drop"})
  void aTagThatIsNoneIs400(String tag) {
    for (String method : List.of("GET", "DELETE")) {
      as("admin")
          .queryParam("tag", tag)
          .request(method, "/admin/response-cache")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("type", equalTo(PROBLEMS + "invalid-parameter"));
    }
    as("admin")
        .delete("/admin/response-cache")
        .then()
        .statusCode(400)
        .body("type", equalTo(PROBLEMS + "invalid-parameter"));
  }

  @Test
  void onlyAdminsSeeOrInvalidateTheCache() {
    as("manager").get("/admin/response-cache").then().statusCode(403);
    as("manager").delete("/admin/response-cache?tag=vehicles").then().statusCode(403);
    anonymous().get("/admin/response-cache").then().statusCode(401);
    anonymous().delete("/admin/response-cache?tag=vehicles").then().statusCode(401);
    assertFalse(
        as("admin").get("/admin/response-cache").asString().contains("\"body\""),
        "bodies are never shown");
  }

  private static io.restassured.specification.RequestSpecification reader(String who) {
    return who.equals("anonymous") ? anonymous() : as(who);
  }

  private static long createAt(String dealership, String model) {
    return Vehicles.createAt(dealership, model, "14000.00");
  }

  private static List<Long> ids(
      io.restassured.specification.RequestSpecification who, String model) {
    return who.queryParam("model", model)
        .queryParam("sort", "createdAt")
        .get("/vehicles")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items.id", Long.class);
  }

  private static List<Float> prices(
      io.restassured.specification.RequestSpecification who, String model) {
    return who.queryParam("model", model)
        .get("/vehicles")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items.price", Float.class);
  }

  private static double hits() {
    return Metrics.sum("forecourt_response_cache_hits", Map.of());
  }
}
