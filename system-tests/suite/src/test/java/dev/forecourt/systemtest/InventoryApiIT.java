package dev.forecourt.systemtest;

import static dev.forecourt.systemtest.support.Vehicles.api;
import static dev.forecourt.systemtest.support.Vehicles.draft;
import static dev.forecourt.systemtest.support.Vehicles.vin;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forecourt.systemtest.support.Accounts;
import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.Metrics;
import dev.forecourt.systemtest.support.Vehicles;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The inventory API of the deployed EAR on Payara Server, against PostgreSQL. */
@ExtendWith(ForecourtServer.class)
class InventoryApiIT {

  private static final String PROBLEMS = "https://forecourt.dev/problems/";

  private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");

  /** The amounts at {@code path} of each entry, as 0.00 (null where an entry has none). */
  private static List<String> amounts(Response answer, String path) {
    List<Object> raw = answer.jsonPath().getList(path);
    return raw.stream()
        .map(
            a ->
                a == null
                    ? null
                    : new java.math.BigDecimal(a.toString())
                        .setScale(2, java.math.RoundingMode.UNNECESSARY)
                        .toPlainString())
        .toList();
  }

  @Test
  void aVehiclesPriceHistoryListsEveryChangeOldestFirstToItsStaffOnly() {
    long id = Vehicles.createAt("BER", "Fabia", "10000.00");
    Vehicles.put(id, Map.of("price", "9500.00")).then().statusCode(200);
    Vehicles.put(id, Map.of("mileage", 12000)).then().statusCode(200); // not a price change
    Vehicles.put(id, Map.of("price", "9250.00")).then().statusCode(200);
    Response history = Accounts.as("sales").get("/vehicles/{id}/price-history", id);
    history.then().statusCode(200).body("size()", equalTo(3));
    assertEquals(
        java.util.Arrays.asList(null, "10000.00", "9500.00"), amounts(history, "oldPrice"));
    assertEquals(List.of("10000.00", "9500.00", "9250.00"), amounts(history, "newPrice"));
    List<String> when = history.jsonPath().getList("changedAt");
    assertEquals(when.stream().sorted().toList(), when, "oldest first");
    // staff of the vehicle's dealership only
    Accounts.anonymous()
        .get("/vehicles/{id}/price-history", id)
        .then()
        .statusCode(401)
        .body("type", equalTo(PROBLEMS + "unauthenticated"));
    long vienna = Vehicles.createAt("VIE", "Fabia", "11000.00");
    Accounts.as("sales")
        .get("/vehicles/{id}/price-history", vienna)
        .then()
        .statusCode(403)
        .body("type", equalTo(PROBLEMS + "forbidden"));
    Accounts.as("sales")
        .get("/vehicles/{id}/price-history", 999_999_999L)
        .then()
        .statusCode(404)
        .body("type", equalTo(PROBLEMS + "not-found"));
  }

  @Test
  void dealershipsAreListed() {
    api()
        .get("/dealerships")
        .then()
        .statusCode(200)
        .body("code", containsInAnyOrder("BER", "MUC", "VIE"));
  }

  @Test
  void aCreatedVehicleReadsBackWithItsEtag() {
    String vin = vin();
    Response created =
        api().contentType(ContentType.JSON).body(draft(vin, "23990.00")).post("/vehicles");
    created
        .then()
        .statusCode(201)
        .header("Location", startsWith(ForecourtServer.baseUri() + "/api/v1/vehicles/"))
        .body("vin", equalTo(vin))
        .body("status", equalTo("AVAILABLE"))
        .body("dealershipCode", equalTo("BER"));
    long id = created.jsonPath().getLong("id");

    api()
        .get("/vehicles/{id}", id)
        .then()
        .statusCode(200)
        .header("ETag", equalTo(created.header("ETag")))
        .body("vin", equalTo(vin))
        .body("make", equalTo("Skoda"))
        .body("price", equalTo(23990.0f));
  }

  @Test
  void anUpdateNeedsTheCurrentEtagAndIsNeverReadStale() {
    long id = dev.forecourt.systemtest.support.Vehicles.create("19990.00");
    Response first = api().get("/vehicles/{id}", id);
    String etag = first.header("ETag");
    String vin = first.jsonPath().getString("vin");
    api().get("/vehicles/{id}", id).then().statusCode(200); // second read: served by the L2 cache

    Response updated =
        api()
            .contentType(ContentType.JSON)
            .header("If-Match", etag)
            .body(draft(vin, "18490.00"))
            .put("/vehicles/{id}", id);
    updated.then().statusCode(200).body("price", equalTo(18490.0f));
    assertNotEquals(etag, updated.header("ETag"));

    api()
        .get("/vehicles/{id}", id)
        .then()
        .statusCode(200)
        .header("ETag", equalTo(updated.header("ETag")))
        .body("price", equalTo(18490.0f));

    // the ETag read before the update is stale now
    api()
        .contentType(ContentType.JSON)
        .header("If-Match", etag)
        .body(draft(vin, "1.00"))
        .put("/vehicles/{id}", id)
        .then()
        .statusCode(412)
        .contentType("application/problem+json")
        .body("type", equalTo("https://forecourt.dev/problems/precondition-failed"));
    api().get("/vehicles/{id}", id).then().body("price", equalTo(18490.0f));

    assertEquals(2, countRows("select count(*) from price_change where vehicle_id = " + id));
  }

  @Test
  void aConditionalReadOfAnUnchangedVehicleIs304WithoutABody() {
    long id = dev.forecourt.systemtest.support.Vehicles.create("21990.00");
    Response first = api().get("/vehicles/{id}", id);
    String etag = first.header("ETag");

    Response unchanged = api().header("If-None-Match", etag).get("/vehicles/{id}", id);
    unchanged.then().statusCode(304).header("ETag", equalTo(etag));
    assertEquals("", unchanged.body().asString());
    api()
        .header("If-None-Match", "\"other\", W/" + etag)
        .get("/vehicles/{id}", id)
        .then()
        .statusCode(304);
    // another tag: the vehicle itself (a new vehicle is at version 0)
    api()
        .header("If-None-Match", "\"1000\", \"other\"")
        .get("/vehicles/{id}", id)
        .then()
        .statusCode(200)
        .header("ETag", equalTo(etag))
        .body("price", equalTo(21990.0f));

    Response updated =
        api()
            .contentType(ContentType.JSON)
            .header("If-Match", etag)
            .body(draft(first.jsonPath().getString("vin"), "20990.00"))
            .put("/vehicles/{id}", id);
    updated.then().statusCode(200);
    // the version the client holds is old now: the new one comes back
    api()
        .header("If-None-Match", etag)
        .get("/vehicles/{id}", id)
        .then()
        .statusCode(200)
        .header("ETag", equalTo(updated.header("ETag")))
        .body("price", equalTo(20990.0f));
    // a vehicle that does not exist stays 404 whatever the condition
    api()
        .header("If-None-Match", "*")
        .get("/vehicles/{id}", 999_999_999L)
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void readsAreServedFromTheSecondLevelCache() {
    long id = dev.forecourt.systemtest.support.Vehicles.create("15000.00");
    api().get("/vehicles/{id}", id).then().statusCode(200);
    double hitsBefore = Metrics.sum("forecourt_l2_cache_hits", Map.of());
    // loads that the response cache does not answer: counting a view loads the vehicle each time
    for (int i = 0; i < 5; i++) {
      api().post("/vehicles/{id}/views", id).then().statusCode(204);
    }
    double hitsAfter = Metrics.sum("forecourt_l2_cache_hits", Map.of());
    assertTrue(hitsAfter - hitsBefore >= 5, "5 loads, " + (hitsAfter - hitsBefore) + " L2 hits");
  }

  @Test
  void aRemovedVehicleIsGone() {
    long id = dev.forecourt.systemtest.support.Vehicles.create("9999.00");
    api().delete("/vehicles/{id}", id).then().statusCode(204);
    api().get("/vehicles/{id}", id).then().statusCode(404);
    assertEquals(0, countRows("select count(*) from vehicle where id = " + id));
  }

  @Test
  void followingNextLinksVisitsEveryVehicleOnce() {
    // anonymous, as a dealer website: every AVAILABLE vehicle, and nothing else
    int total =
        countRows(
            "select count(*) from vehicle where status = 'AVAILABLE' and dealership_id = (select id from dealership where code = 'MUC')");
    assertTrue(total > 10, "demo data gives MUC more than one page");
    Set<Long> seen = new HashSet<>();
    List<Double> prices = new ArrayList<>();
    String next = ForecourtServer.baseUri() + "/api/v1/vehicles?dealership=MUC&sort=-price&limit=7";
    int pages = 0;
    while (next != null) {
      Response page = io.restassured.RestAssured.get(next);
      page.then().statusCode(200);
      List<Number> ids = page.jsonPath().getList("items.id");
      ids.forEach(i -> assertTrue(seen.add(i.longValue()), "vehicle " + i + " seen twice"));
      page.jsonPath().getList("items.price", Float.class).forEach(p -> prices.add(p.doubleValue()));
      String link = page.header("Link");
      next = null;
      if (link != null) {
        Matcher m = NEXT.matcher(link);
        assertTrue(m.find());
        next = m.group(1);
      }
      pages++;
      assertTrue(pages <= 100);
    }
    assertEquals(total, seen.size());
    assertEquals((total + 6) / 7, pages);
    List<Double> sorted = new ArrayList<>(prices);
    sorted.sort((a, b) -> Double.compare(b, a));
    assertEquals(sorted, prices, "descending price order across pages");
  }

  @Test
  void theDefaultPageHasTwentyItems() {
    api().get("/vehicles").then().statusCode(200).body("items", hasSize(20));
  }

  @Test
  void anExportStreamsEveryVisibleVehicleAsCsvOrNdjson() {
    // more than one page of 100: every AVAILABLE vehicle of the test domain, anonymously
    while (countRows("select count(*) from vehicle where status = 'AVAILABLE'") <= 120) {
      dev.forecourt.systemtest.support.Vehicles.create("8000.00");
    }
    int available = countRows("select count(*) from vehicle where status = 'AVAILABLE'");
    Response csv =
        io.restassured.RestAssured.given()
            .accept("text/csv")
            .get(ForecourtServer.baseUri() + "/api/v1/vehicles/export");
    csv.then()
        .statusCode(200)
        .contentType(startsWith("text/csv"))
        .header("Content-Disposition", equalTo("attachment; filename=\"forecourt-vehicles.csv\""));
    List<String> lines = csv.asString().lines().toList();
    assertEquals(
        "id,vin,make,model,trim,model_year,mileage,colour,price,currency,status,held_by_deal,"
            + "dealership,created_at,updated_at,version",
        lines.get(0));
    Set<String> ids = new HashSet<>();
    lines.stream().skip(1).forEach(l -> assertTrue(ids.add(l.split(",")[0]), "twice: " + l));
    assertTrue(available > 100, "more than one page: " + available);
    assertEquals(available, ids.size());
    assertTrue(lines.stream().skip(1).allMatch(l -> l.contains(",AVAILABLE,")));

    // staff see their reserved vehicles too, one JSON object per line
    String model = "Export" + java.util.UUID.randomUUID().toString().substring(0, 8);
    long reserved = dev.forecourt.systemtest.support.Vehicles.createAt("BER", model, "9000.00");
    dev.forecourt.systemtest.support.Vehicles.put(reserved, Map.of("status", "RESERVED"))
        .then()
        .statusCode(200);
    Response ndjson =
        api().accept("application/x-ndjson").queryParam("model", model).get("/vehicles/export");
    ndjson.then().statusCode(200).contentType(startsWith("application/x-ndjson"));
    List<String> objects = ndjson.asString().lines().toList();
    assertEquals(1, objects.size(), ndjson.asString());
    assertEquals(reserved, io.restassured.path.json.JsonPath.from(objects.get(0)).getLong("id"));
    assertEquals(
        "RESERVED", io.restassured.path.json.JsonPath.from(objects.get(0)).getString("status"));
    io.restassured.RestAssured.given()
        .accept("text/csv")
        .queryParam("model", model)
        .get(ForecourtServer.baseUri() + "/api/v1/vehicles/export")
        .then()
        .statusCode(200)
        .body(equalTo(lines.get(0) + "\r\n"));
  }

  @Test
  void anExportRefusesBadInputWithAProblemNotACutStream() {
    String problems = "https://forecourt.dev/problems/";
    api()
        .accept("text/csv")
        .get("/vehicles/export?yearFrom=soon")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo(problems + "invalid-parameter"));
    io.restassured.RestAssured.given()
        .accept("text/csv")
        .get(ForecourtServer.baseUri() + "/api/v1/vehicles/export?status=SOLD")
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
    api()
        .accept("application/xml")
        .get("/vehicles/export")
        .then()
        .statusCode(406)
        .contentType("application/problem+json")
        .body("type", equalTo(problems + "not-acceptable"));
  }

  @Test
  void largeAnswersAreGzippedWhenTheClientAsksAndSmallOnesAreNot() throws Exception {
    // java.net.http sends no Accept-Encoding of its own (REST Assured always asks for gzip); as
    // staff, whose pages are never served stale (an anonymous page may be, once, while refreshed)
    java.net.http.HttpResponse<byte[]> plain = raw("/api/v1/vehicles?limit=100", null);
    java.net.http.HttpResponse<byte[]> gzipped = raw("/api/v1/vehicles?limit=100", "gzip");
    assertEquals(200, plain.statusCode());
    assertEquals(java.util.Optional.empty(), plain.headers().firstValue("Content-Encoding"));
    assertTrue(plain.body().length > 1024, "more than the 1 KiB threshold");
    assertEquals(java.util.Optional.of("gzip"), gzipped.headers().firstValue("Content-Encoding"));
    assertTrue(gzipped.body().length < plain.body().length / 3, "compressed");
    try (java.io.InputStream in =
        new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzipped.body()))) {
      assertEquals(new String(plain.body()), new String(in.readAllBytes()), "the same page");
    }
    java.net.http.HttpResponse<byte[]> small = raw("/api/v1/ping", "gzip");
    assertEquals(200, small.statusCode());
    assertEquals(java.util.Optional.empty(), small.headers().firstValue("Content-Encoding"));
  }

  private static java.net.http.HttpResponse<byte[]> raw(String path, String acceptEncoding)
      throws Exception {
    java.net.http.HttpRequest.Builder request =
        java.net.http.HttpRequest.newBuilder(ForecourtServer.baseUri().resolve(path))
            .header(
                "Authorization",
                "Bearer " + dev.forecourt.systemtest.support.Accounts.token("admin"));
    if (acceptEncoding != null) {
      request.header("Accept-Encoding", acceptEncoding);
    }
    return java.net.http.HttpClient.newHttpClient()
        .send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
  }

  private static int countRows(String sql) {
    try (Connection c = ForecourtServer.dataSource().getConnection();
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
