package dev.forecourt.systemtest;

import static dev.forecourt.systemtest.support.Accounts.anonymous;
import static dev.forecourt.systemtest.support.Accounts.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.Poll;
import dev.forecourt.systemtest.support.Vehicles;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * API keys of integrators on the deployed EAR: scopes, dealerships, expiry, rotation overlap,
 * revocation.
 */
@ExtendWith(ForecourtServer.class)
class ApiKeyIT {

  private static final String PROBLEMS = "https://forecourt.dev/problems/";

  /** How long after its end a key's refusal may take to show. */
  private static final Duration REFUSAL_DEADLINE = Duration.ofSeconds(10);

  @BeforeAll
  static void aHealthyValuationService() {
    ForecourtServer.healthyValuationService();
  }

  private static JsonPath create(Map<String, Object> body) {
    return as("admin")
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api-keys")
        .then()
        .statusCode(201)
        .header("Cache-Control", containsString("no-store"))
        .body("key", startsWith("fck_"))
        .extract()
        .jsonPath();
  }

  /** Waits until {@code key} is refused, and checks that this was not before {@code validUntil}. */
  private static void awaitRefused(String key, Instant validUntil) {
    Poll.until(
        REFUSAL_DEADLINE.plus(Duration.between(Instant.now(), validUntil)),
        () -> withKey(key).get("/vehicles?limit=1").statusCode(),
        status -> status != 200,
        "the key refused");
    assertFalse(Instant.now().isBefore(validUntil), "refused before " + validUntil);
  }

  private static RequestSpecification withKey(String key) {
    return anonymous().header("Authorization", "ApiKey " + key);
  }

  private static long vehicleAt(String dealership) {
    return ForecourtServer.queryLong(
        "select min(v.id) from vehicle v join dealership d on d.id = v.dealership_id "
            + "where v.status = 'AVAILABLE' and d.code = '"
            + dealership
            + "'");
  }

  @Test
  void aKeyCanDoWhatItsScopesAllowWhereItsDealershipsAllow() {
    JsonPath reader =
        create(
            Map.of(
                "name",
                "dealer website BER",
                "scopes",
                List.of("inventory:read"),
                "dealerships",
                List.of("BER")));
    String readKey = reader.getString("key");
    withKey(readKey).get("/vehicles?status=SOLD&limit=3").then().statusCode(200);
    withKey(readKey)
        .get("/vehicles/{id}/valuation", vehicleAt("BER"))
        .then()
        .statusCode(200)
        .body("source", equalTo("valuation-service"));
    withKey(readKey)
        .get("/vehicles/{id}/valuation", vehicleAt("MUC"))
        .then()
        .statusCode(403)
        .body("type", equalTo(PROBLEMS + "forbidden"));
    withKey(readKey)
        .contentType(ContentType.JSON)
        .body(Vehicles.draft(Vehicles.vin(), "9000.00"))
        .post("/vehicles")
        .then()
        .statusCode(403)
        .body("type", equalTo(PROBLEMS + "forbidden"));

    String writeKey =
        create(
                Map.of(
                    "name",
                    "CRM BER",
                    "scopes",
                    List.of("inventory:write"),
                    "dealerships",
                    List.of("BER")))
            .getString("key");
    withKey(writeKey)
        .contentType(ContentType.JSON)
        .body(Vehicles.draft(Vehicles.vin(), "9000.00"))
        .post("/vehicles")
        .then()
        .statusCode(201);
    Map<String, Object> atMuc = Vehicles.draft(Vehicles.vin(), "9000.00");
    atMuc.put("dealershipCode", "MUC");
    withKey(writeKey)
        .contentType(ContentType.JSON)
        .body(atMuc)
        .post("/vehicles")
        .then()
        .statusCode(403);
    // API-key callers are not people: no admin operations
    withKey(writeKey).get("/api-keys").then().statusCode(403);
  }

  @Test
  void theSecretIsShownOnceAndStoredAsAHashWithTheLastUse() {
    JsonPath created =
        create(
            Map.of(
                "name",
                "marketplace",
                "scopes",
                List.of("inventory:read"),
                "dealerships",
                List.of()));
    String key = created.getString("key");
    long id = created.getLong("id");
    withKey(key).get("/vehicles?limit=1").then().statusCode(200);
    as("admin")
        .get("/api-keys")
        .then()
        .statusCode(200)
        .body("find { it.id == " + id + " }.key", nullValue())
        .body("find { it.id == " + id + " }.prefix", equalTo(created.getString("prefix")))
        .body("find { it.id == " + id + " }.lastUsedAt", notNullValue());
    // the secret is what follows the prefix: base64url, which may itself hold '_' (taking the part
    // after the last '_' once left two characters, found by chance in three hashes)
    String prefix = created.getString("prefix");
    String secret = key.substring(key.indexOf(prefix) + prefix.length() + 1);
    assertTrue(secret.length() >= 32, secret);
    assertEquals(
        0,
        ForecourtServer.queryLong(
            "select count(*) from api_key where strpos(secret_hash, '" + secret + "') > 0"));
  }

  @Test
  void fiftyConcurrentCallsWithOneKeyAreAllAnswered200() throws Exception {
    JsonPath created =
        create(
            Map.of(
                "name",
                "busy marketplace",
                "scopes",
                List.of("inventory:read"),
                "dealerships",
                List.of()));
    String key = created.getString("key");
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request =
        HttpRequest.newBuilder(ForecourtServer.baseUri().resolve("/api/v1/vehicles?limit=1"))
            .header("Authorization", "ApiKey " + key)
            .header("Accept", "application/json")
            .build();
    ExecutorService callers = Executors.newFixedThreadPool(50);
    try {
      // the key was never used: every call wants to record the first use of the same row at once
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        calls.add(
            callers.submit(
                () -> {
                  start.await();
                  return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                }));
      }
      start.countDown();
      Map<Integer, Long> statuses = new TreeMap<>();
      for (Future<Integer> call : calls) {
        statuses.merge(call.get(60, TimeUnit.SECONDS), 1L, Long::sum);
      }
      assertEquals(Map.of(200, 50L), statuses);
    } finally {
      callers.shutdownNow();
    }
    as("admin")
        .get("/api-keys")
        .then()
        .statusCode(200)
        .body("find { it.id == " + created.getLong("id") + " }.lastUsedAt", notNullValue());
  }

  @Test
  void anExpiredKeyIsRefused() {
    Instant expiresAt = Instant.now().plusSeconds(3);
    String key =
        create(
                Map.of(
                    "name",
                    "short-lived",
                    "scopes",
                    List.of("inventory:read"),
                    "dealerships",
                    List.of(),
                    "expiresAt",
                    expiresAt.toString()))
            .getString("key");
    withKey(key).get("/vehicles?limit=1").then().statusCode(200);
    awaitRefused(key, expiresAt);
    withKey(key)
        .get("/vehicles?limit=1")
        .then()
        .statusCode(401)
        .body("type", equalTo(PROBLEMS + "invalid-token"));
  }

  @Test
  void aRotatedKeyKeepsTheOldSecretForTheOverlapOnly() {
    JsonPath created =
        create(
            Map.of(
                "name", "rotating", "scopes", List.of("inventory:read"), "dealerships", List.of()));
    String old = created.getString("key");
    JsonPath rotation =
        as("admin")
            .post("/api-keys/{id}/rotate?overlap=PT3S", created.getLong("id"))
            .then()
            .statusCode(200)
            .body("previousValidUntil", notNullValue())
            .extract()
            .jsonPath();
    String rotated = rotation.getString("key");
    assertNotEquals(old, rotated);
    withKey(old).get("/vehicles?limit=1").then().statusCode(200);
    withKey(rotated).get("/vehicles?limit=1").then().statusCode(200);
    awaitRefused(old, Instant.parse(rotation.getString("previousValidUntil")));
    withKey(old).get("/vehicles?limit=1").then().statusCode(401);
    withKey(rotated).get("/vehicles?limit=1").then().statusCode(200);
  }

  @Test
  void aRevokedKeyIsRefusedAtOnce() {
    JsonPath created =
        create(
            Map.of(
                "name", "leaked", "scopes", List.of("inventory:read"), "dealerships", List.of()));
    String key = created.getString("key");
    withKey(key).get("/vehicles?limit=1").then().statusCode(200);
    as("admin").delete("/api-keys/{id}", created.getLong("id")).then().statusCode(204);
    withKey(key)
        .get("/vehicles?limit=1")
        .then()
        .statusCode(401)
        .body("type", equalTo(PROBLEMS + "invalid-token"));
    as("admin")
        .get("/api-keys")
        .then()
        .body("find { it.id == " + created.getLong("id") + " }.revokedAt", notNullValue());
  }

  @Test
  void badKeysAndBadRequestsGetExactProblems() {
    withKey("fck_aaaaaaaaaaaa_not-a-real-secret")
        .get("/vehicles?limit=1")
        .then()
        .statusCode(401)
        .body("type", equalTo(PROBLEMS + "invalid-token"));
    withKey("garbage")
        .get("/vehicles?limit=1")
        .then()
        .statusCode(401)
        .body("type", equalTo(PROBLEMS + "invalid-token"));
    as("admin")
        .contentType(ContentType.JSON)
        .body(Map.of("name", "x", "scopes", List.of("everything"), "dealerships", List.of("NOPE")))
        .post("/api-keys")
        .then()
        .statusCode(422)
        .body("type", equalTo(PROBLEMS + "validation-failed"))
        .body("errors.field", hasItem("scopes"))
        .body("errors.field", hasItem("dealerships"));
    as("admin")
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "name",
                "x",
                "scopes",
                List.of("inventory:read"),
                "dealerships",
                List.of(),
                "expiresAt",
                "2001-01-01T00:00:00Z"))
        .post("/api-keys")
        .then()
        .statusCode(422)
        .body("errors.field", hasItem("expiresAt"));
    as("admin")
        .post("/api-keys/987654/rotate")
        .then()
        .statusCode(404)
        .body("type", equalTo(PROBLEMS + "not-found"));
    as("admin")
        .post("/api-keys/1/rotate?overlap=soon")
        .then()
        .statusCode(400)
        .body("type", equalTo(PROBLEMS + "invalid-parameter"));
    as("manager")
        .contentType(ContentType.JSON)
        .body(Map.of("name", "x", "scopes", List.of("inventory:read"), "dealerships", List.of()))
        .post("/api-keys")
        .then()
        .statusCode(403)
        .body("type", equalTo(PROBLEMS + "forbidden"));
    anonymous()
        .get("/api-keys")
        .then()
        .statusCode(401)
        .body("type", equalTo(PROBLEMS + "unauthenticated"));
  }
}
