package dev.forecourt.systemtest;

import static dev.forecourt.systemtest.support.Accounts.anonymous;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.forecourt.systemtest.support.ForecourtServer;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Security headers on every kind of answer; CORS for the allowed origin only. */
@ExtendWith(ForecourtServer.class)
class SecurityHeadersIT {

  private static void assertSecurityHeaders(Response r) {
    r.then()
        .header("Content-Security-Policy", containsString("default-src 'none'"))
        .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
        .header("Strict-Transport-Security", containsString("max-age="))
        .header("X-Frame-Options", equalTo("DENY"))
        .header("X-Content-Type-Options", equalTo("nosniff"))
        .header("Referrer-Policy", equalTo("no-referrer"))
        .header("Permissions-Policy", containsString("camera=()"))
        .header("X-Powered-By", nullValue());
  }

  @Test
  void onSuccessesAndOnErrors() {
    Response ok = anonymous().get("/ping");
    assertEquals(200, ok.statusCode());
    assertSecurityHeaders(ok);
    Response notFound = anonymous().get("/vehicles/987654321");
    assertEquals(404, notFound.statusCode());
    assertSecurityHeaders(notFound);
    Response unauthenticated =
        anonymous()
            .contentType(ContentType.JSON)
            .body(
                dev.forecourt.systemtest.support.Vehicles.draft(
                    dev.forecourt.systemtest.support.Vehicles.vin(), "1.00"))
            .post("/vehicles");
    assertEquals(401, unauthenticated.statusCode());
    assertSecurityHeaders(unauthenticated);
    Response badToken = anonymous().header("Authorization", "Bearer x.y.z").get("/ping");
    assertEquals(401, badToken.statusCode());
    assertSecurityHeaders(badToken);
    Response unknownPath = anonymous().get("/no-such-endpoint");
    assertEquals(404, unknownPath.statusCode());
    assertSecurityHeaders(unknownPath);
    Response outsideTheApi = anonymous().basePath("/").get("/no-such-page");
    assertEquals(404, outsideTheApi.statusCode());
    assertSecurityHeaders(outsideTheApi);
  }

  @Test
  void corsPreflightOfTheAllowedOriginIsAnswered() {
    // the server under test allows https://dealer.example (FORECOURT_CORS_ALLOWED_ORIGINS)
    Response preflight =
        anonymous()
            .header("Origin", "https://dealer.example")
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "Authorization, Content-Type")
            .options("/vehicles");
    preflight
        .then()
        .statusCode(204)
        .header("Access-Control-Allow-Origin", equalTo("https://dealer.example"))
        .header("Access-Control-Allow-Methods", containsString("POST"))
        .header("Access-Control-Allow-Headers", containsString("Authorization"));
    assertSecurityHeaders(preflight);
    anonymous()
        .header("Origin", "https://dealer.example")
        .get("/vehicles?limit=1")
        .then()
        .statusCode(200)
        .header("Access-Control-Allow-Origin", equalTo("https://dealer.example"))
        .header("Access-Control-Expose-Headers", containsString("Link"));
  }

  @Test
  void otherOriginsGetNoCorsHeaders() {
    anonymous()
        .header("Origin", "https://evil.example")
        .header("Access-Control-Request-Method", "POST")
        .options("/vehicles")
        .then()
        .header("Access-Control-Allow-Origin", nullValue());
    anonymous()
        .header("Origin", "https://evil.example")
        .get("/vehicles?limit=1")
        .then()
        .statusCode(200)
        .header("Access-Control-Allow-Origin", nullValue());
  }
}
