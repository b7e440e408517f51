package dev.forecourt.systemtest;

import static dev.forecourt.systemtest.support.Accounts.bearer;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.KeycloakServer;
import dev.forecourt.systemtest.support.Poll;
import dev.forecourt.systemtest.support.Vehicles;
import io.restassured.http.ContentType;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Enterprise SSO against a real Keycloak (realm server-config/keycloak/forecourt-realm.json): the
 * deployed EAR trusts it through mp.jwt.verify.publickey.location / issuer / audiences, takes the
 * roles from the groups claim, refuses tokens for another audience, and follows a rotation of the
 * realm's signing key without a restart.
 */
@ExtendWith({KeycloakServer.class, ForecourtServer.class})
class KeycloakSsoIT {

  private static final String PROBLEMS = "https://forecourt.dev/problems/";
  private static final String PASSWORD = "Forecourt-Test-1";

  @BeforeAll
  static void aHealthyValuationService() {
    ForecourtServer.healthyValuationService();
  }

  @ParameterizedTest(name = "{0}: create {1}, valuation {2}")
  @CsvSource({
    "kc-sales,      201, 200",
    "kc-manager,    201, 200",
    "kc-admin,      201, 200",
    "kc-integrator, 403, 403",
    "kc-norole,     403, 403"
  })
  void eachRoleOfTheProviderGetsItsAccess(String user, int create, int valuation) {
    String token = KeycloakServer.token(user, PASSWORD);
    bearer(token)
        .get("/auth/me")
        .then()
        .statusCode(200)
        .body("name", equalTo(user))
        .body("issuer", equalTo(KeycloakServer.issuer()));
    bearer(token)
        .contentType(ContentType.JSON)
        .body(Vehicles.draft(Vehicles.vin(), "17250.00"))
        .post("/vehicles")
        .then()
        .statusCode(create);
    long available =
        ForecourtServer.queryLong(
            "select min(v.id) from vehicle v join dealership d on d.id = v.dealership_id "
                + "where v.status = 'AVAILABLE' and d.code = 'BER'");
    bearer(token)
        .get("/vehicles/{id}/valuation", available)
        .then()
        .statusCode(valuation)
        .body(
            valuation == 200 ? "source" : "type",
            equalTo(valuation == 200 ? "valuation-service" : PROBLEMS + "forbidden"));
  }

  @Test
  void theProvidersDealershipGroupsScopeTheCaller() {
    // kc-sales is in the Keycloak group BER only
    java.util.Map<String, Object> atMuc = Vehicles.draft(Vehicles.vin(), "11000.00");
    atMuc.put("dealershipCode", "MUC");
    bearer(KeycloakServer.token("kc-sales", PASSWORD))
        .contentType(ContentType.JSON)
        .body(atMuc)
        .post("/vehicles")
        .then()
        .statusCode(403)
        .body("type", equalTo(PROBLEMS + "forbidden"));
    bearer(KeycloakServer.token("kc-manager", PASSWORD))
        .contentType(ContentType.JSON)
        .body(atMuc)
        .post("/vehicles")
        .then()
        .statusCode(201);
  }

  @Test
  void theGroupsClaimCarriesTheRealmRoles() throws Exception {
    SignedJWT jwt = SignedJWT.parse(KeycloakServer.token("kc-manager", PASSWORD));
    assertTrue(jwt.getJWTClaimsSet().getStringListClaim("groups").contains("manager"));
    assertTrue(jwt.getJWTClaimsSet().getAudience().contains(KeycloakServer.CLIENT_ID));
    bearer(jwt.serialize())
        .get("/auth/me")
        .then()
        .statusCode(200)
        .body("groups", hasItem("manager"));
  }

  @Test
  void aTokenIssuedForAnotherAudienceIsRefused() throws Exception {
    String other = KeycloakServer.token(KeycloakServer.OTHER_CLIENT_ID, "kc-admin", PASSWORD);
    assertTrue(
        !SignedJWT.parse(other).getJWTClaimsSet().getAudience().contains(KeycloakServer.CLIENT_ID));
    bearer(other)
        .get("/auth/me")
        .then()
        .statusCode(401)
        .body("type", equalTo(PROBLEMS + "invalid-token"));
    bearer(other)
        .contentType(ContentType.JSON)
        .body(Vehicles.draft(Vehicles.vin(), "1.00"))
        .post("/vehicles")
        .then()
        .statusCode(401)
        .body("type", equalTo(PROBLEMS + "invalid-token"));
  }

  @Test
  void aRotatedRealmKeyIsAcceptedWithoutARestart() throws Exception {
    String before = KeycloakServer.token("kc-sales", PASSWORD);
    bearer(before).get("/auth/me").then().statusCode(200);
    String oldKid = SignedJWT.parse(before).getHeader().getKeyID();

    String newKid = KeycloakServer.rotateSigningKey();
    String after = KeycloakServer.token("kc-sales", PASSWORD);
    assertEquals(newKid, SignedJWT.parse(after).getHeader().getKeyID());
    assertNotEquals(oldKid, newKid);
    // the server has the old JWKS cached; the unknown kid makes it re-read the provider's JWKS (at
    // most once a second in this set-up: a token refused within that second is accepted after it)
    Poll.until(
        Duration.ofSeconds(10),
        () -> bearer(after).get("/auth/me").statusCode(),
        status -> status == 200,
        "a token signed with the rotated key accepted");
    bearer(after).get("/auth/me").then().statusCode(200).body("name", equalTo("kc-sales"));
    bearer(after)
        .contentType(ContentType.JSON)
        .body(Vehicles.draft(Vehicles.vin(), "18100.00"))
        .post("/vehicles")
        .then()
        .statusCode(201);
    // the previous key is passive in the realm, still published: its tokens stay valid until they
    // expire
    bearer(before).get("/auth/me").then().statusCode(200);
  }
}
