package dev.forecourt.systemtest.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signs the demo users in (their password is the FORECOURT_DEMO_PASSWORD the server under test
 * was started with) and builds requests as them or as nobody.
 */
public final class Accounts {

  private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

  private Accounts() {}

  public static String demoPassword() {
    return System.getProperty("forecourt.systemtest.env.FORECOURT_DEMO_PASSWORD", "Demo-Password-1");
  }

  public static Response login(String username, String password) {
    return anonymous().contentType(ContentType.JSON)
        .body(Map.of("username", username, "password", password))
        .post("/auth/login");
  }

  /** An access token of the demo user (admin, manager, sales), obtained once per test JVM. */
  public static String token(String username) {
    return TOKENS.computeIfAbsent(username, u -> login(u, demoPassword())
        .then().statusCode(200).extract().jsonPath().getString("access_token"));
  }

  /** A request to /api/v1 without credentials. */
  public static RequestSpecification anonymous() {
    return given().baseUri(ForecourtServer.baseUri().toString()).basePath("/api/v1");
  }

  /** A request to /api/v1 as the demo user. */
  public static RequestSpecification as(String username) {
    return bearer(token(username));
  }

  public static RequestSpecification bearer(String token) {
    return anonymous().header("Authorization", "Bearer " + token);
  }
}
