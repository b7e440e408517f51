package dev.forecourt.systemtest;

import static dev.forecourt.systemtest.support.Accounts.anonymous;
import static dev.forecourt.systemtest.support.Accounts.bearer;
import static dev.forecourt.systemtest.support.Accounts.demoPassword;
import static dev.forecourt.systemtest.support.Accounts.login;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.Poll;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Local accounts on the deployed EAR: login, tokens, refresh rotation and reuse, logout, lockout.
 */
@ExtendWith(ForecourtServer.class)
class AuthenticationIT {

  private static final String PROBLEMS = "https://forecourt.dev/problems/";

  /**
   * The lockout in the system tests (ear/pom.xml sets FORECOURT_SECURITY_LOCKOUT_DURATION=PT4S).
   */
  private static final Duration LOCKOUT = Duration.ofSeconds(4);

  @Test
  void aDemoUserSignsInAndTheTokenCarriesTheMpJwtClaims() throws Exception {
    Response r = login("sales", demoPassword());
    r.then()
        .statusCode(200)
        .contentType(ContentType.JSON)
        .header("Cache-Control", containsString("no-store"))
        .body("token_type", equalTo("Bearer"))
        .body("expires_in", equalTo(900))
        .body("refresh_token", notNullValue());
    SignedJWT jwt = SignedJWT.parse(r.jsonPath().getString("access_token"));
    assertEquals("RS256", jwt.getHeader().getAlgorithm().getName());
    assertEquals("forecourt", jwt.getJWTClaimsSet().getIssuer());
    assertEquals(List.of("forecourt-api"), jwt.getJWTClaimsSet().getAudience());
    assertEquals("sales", jwt.getJWTClaimsSet().getStringClaim("upn"));
    assertEquals(List.of("sales"), jwt.getJWTClaimsSet().getStringListClaim("groups"));
    assertEquals(List.of("BER"), jwt.getJWTClaimsSet().getStringListClaim("dealerships"));
    assertEquals(
        900,
        (jwt.getJWTClaimsSet().getExpirationTime().getTime()
                - jwt.getJWTClaimsSet().getIssueTime().getTime())
            / 1000);

    bearer(r.jsonPath().getString("access_token"))
        .get("/auth/me")
        .then()
        .statusCode(200)
        .body("name", equalTo("sales"))
        .body("groups", hasItem("sales"));
    // the key that signed it is in the published JWKS
    anonymous()
        .get("/auth/jwks")
        .then()
        .statusCode(200)
        .body("keys.kid", hasItem(jwt.getHeader().getKeyID()))
        .body("keys[0].d", equalTo(null));
  }

  @Test
  void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() {
    Response wrong = login("manager", "not-the-password");
    Response unknown = login("nobody-" + UUID.randomUUID(), "not-the-password");
    for (Response r : List.of(wrong, unknown)) {
      r.then()
          .statusCode(401)
          .contentType("application/problem+json")
          .body("type", equalTo(PROBLEMS + "authentication-failed"));
    }
    assertEquals(wrong.jsonPath().getString("detail"), unknown.jsonPath().getString("detail"));
    assertEquals(wrong.jsonPath().getString("title"), unknown.jsonPath().getString("title"));
  }

  @Test
  void loginBodiesAreValidated() {
    anonymous()
        .contentType(ContentType.JSON)
        .body("{\"username\":")
        .post("/auth/login")
        .then()
        .statusCode(400)
        .body("type", equalTo(PROBLEMS + "malformed-request"));
    anonymous()
        .contentType(ContentType.JSON)
        .body(Map.of("username", "sales"))
        .post("/auth/login")
        .then()
        .statusCode(422)
        .body("type", equalTo(PROBLEMS + "validation-failed"));
    anonymous()
        .contentType(ContentType.TEXT)
        .body("sales:secret")
        .post("/auth/login")
        .then()
        .statusCode(415)
        .body("type", equalTo(PROBLEMS + "unsupported-media-type"));
  }

  @Test
  void aRefreshRotatesTheTokenAndAReusedOneRevokesTheFamily() {
    Response first = login("manager", demoPassword());
    String r1 = first.jsonPath().getString("refresh_token");
    Response second = refresh(r1);
    second.then().statusCode(200).body("access_token", notNullValue());
    String r2 = second.jsonPath().getString("refresh_token");
    assertNotEquals(r1, r2);

    // r1 again: a replay. Refused, and r2 (same family) is revoked with it.
    refresh(r1).then().statusCode(401).body("type", equalTo(PROBLEMS + "invalid-token"));
    refresh(r2).then().statusCode(401).body("type", equalTo(PROBLEMS + "invalid-token"));
    // another login (another family) is unaffected
    refresh(login("manager", demoPassword()).jsonPath().getString("refresh_token"))
        .then()
        .statusCode(200);
  }

  @Test
  void refreshTokensAreStoredOnlyAsHashes() {
    String token = login("sales", demoPassword()).jsonPath().getString("refresh_token");
    assertEquals(
        0,
        ForecourtServer.queryLong(
            "select count(*) from refresh_token where token_hash = '" + token + "'"));
    assertTrue(ForecourtServer.queryLong("select count(*) from refresh_token") > 0);
  }

  @Test
  void logoutRevokesTheRefreshToken() {
    String refresh = login("sales", demoPassword()).jsonPath().getString("refresh_token");
    anonymous()
        .contentType(ContentType.JSON)
        .body(Map.of("refresh_token", refresh))
        .post("/auth/logout")
        .then()
        .statusCode(204);
    refresh(refresh).then().statusCode(401).body("type", equalTo(PROBLEMS + "invalid-token"));
    refresh("fcr_made-up").then().statusCode(401).body("type", equalTo(PROBLEMS + "invalid-token"));
  }

  @Test
  void fiveFailuresLockANameKnownOrNotUntilTheLockoutEnds() {
    String ghost = "ghost-" + UUID.randomUUID();
    for (int i = 1; i <= 4; i++) {
      login("sales", "wrong-" + i)
          .then()
          .statusCode(401)
          .body("type", equalTo(PROBLEMS + "authentication-failed"));
      login(ghost, "wrong-" + i)
          .then()
          .statusCode(401)
          .body("type", equalTo(PROBLEMS + "authentication-failed"));
    }
    Instant lockedFrom = Instant.now();
    Response knownLocked = login("sales", "wrong-5");
    Response ghostLocked = login(ghost, "wrong-5");
    for (Response r : List.of(knownLocked, ghostLocked)) {
      r.then()
          .statusCode(401)
          .body("type", equalTo(PROBLEMS + "login-locked"))
          .header("Retry-After", notNullValue());
    }
    // while locked, even the right password is refused
    login("sales", demoPassword())
        .then()
        .statusCode(401)
        .body("type", equalTo(PROBLEMS + "login-locked"));
    // a locked name's logins are refused without counting as failures: asking until it is let in is
    // safe
    Poll.until(
        LOCKOUT.plusSeconds(10),
        () -> login("sales", demoPassword()).statusCode(),
        status -> status == 200,
        "the right password accepted after the lockout");
    assertFalse(
        Instant.now().isBefore(lockedFrom.plus(LOCKOUT)), "unlocked before the lockout ended");
  }

  private static Response refresh(String token) {
    return anonymous()
        .contentType(ContentType.JSON)
        .body(Map.of("refresh_token", token))
        .post("/auth/refresh");
  }
}
