package dev.forecourt.systemtest;

import static dev.forecourt.systemtest.support.Accounts.anonymous;
import static dev.forecourt.systemtest.support.Accounts.bearer;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.forecourt.systemtest.support.Accounts;
import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.LocalKeys;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JWT attack suite on the deployed EAR: each forged or defective token is answered 401 {@code
 * invalid-token} — on a protected endpoint and on a public one (a bad credential never falls back
 * to anonymous). Tokens that are wrong in one way only are signed with the server's real key, so
 * the refusal is for that one defect.
 */
@ExtendWith(ForecourtServer.class)
class JwtAttackIT {

  private static final String INVALID_TOKEN = "https://forecourt.dev/problems/invalid-token";

  static Stream<Arguments> forgedTokens() throws Exception {
    Instant now = Instant.now();
    LocalKeys.Key key = LocalKeys.active();
    JWTClaimsSet valid = LocalKeys.claims("mallory", List.of("admin")).build();

    String algNone = new PlainJWT(valid).serialize();
    // HS256 "signed" with the server's RSA public key as the HMAC secret (algorithm confusion)
    String jwks = anonymous().get("/auth/jwks").then().statusCode(200).extract().asString();
    RSAKey published = JWKSet.parse(jwks).getKeyByKeyId(key.kid()).toRSAKey();
    SignedJWT hs256 =
        new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.kid()).build(), valid);
    byte[] secret = published.toRSAPublicKey().getEncoded();
    hs256.sign(new MACSigner(secret.length >= 32 ? secret : new byte[32]));

    String expired =
        LocalKeys.sign(
            new JWTClaimsSet.Builder(valid)
                .issueTime(Date.from(now.minusSeconds(3600)))
                .notBeforeTime(Date.from(now.minusSeconds(3600)))
                .expirationTime(Date.from(now.minusSeconds(120)))
                .build());
    String notYetValid =
        LocalKeys.sign(
            new JWTClaimsSet.Builder(valid)
                .notBeforeTime(Date.from(now.plusSeconds(600)))
                .expirationTime(Date.from(now.plusSeconds(900)))
                .build());
    String wrongIssuer =
        LocalKeys.sign(new JWTClaimsSet.Builder(valid).issuer("https://evil.example").build());
    String wrongAudience =
        LocalKeys.sign(new JWTClaimsSet.Builder(valid).audience("another-api").build());
    String noAudience =
        LocalKeys.sign(new JWTClaimsSet.Builder(valid).audience((String) null).build());
    String missingGroups = LocalKeys.sign(LocalKeys.claims("mallory", null).build());

    String good = LocalKeys.sign(valid);
    String[] parts = good.split("\\.");
    String elevated =
        Base64URL.encode(new JWTClaimsSet.Builder(valid).subject("root").build().toString())
            .toString();
    String badSignature = parts[0] + "." + elevated + "." + parts[2];

    RSAKey stranger = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
    String unknownKid = LocalKeys.sign(valid, stranger.getKeyID(), stranger.toPrivateKey());
    String knownKidOtherKey = LocalKeys.sign(valid, key.kid(), stranger.toPrivateKey());

    return Stream.of(
        Arguments.of("alg none", algNone),
        Arguments.of("HS256 with the RSA public key", hs256.serialize()),
        Arguments.of("expired", expired),
        Arguments.of("nbf in the future", notYetValid),
        Arguments.of("wrong issuer", wrongIssuer),
        Arguments.of("wrong audience", wrongAudience),
        Arguments.of("no audience", noAudience),
        Arguments.of("missing groups", missingGroups),
        Arguments.of("payload changed after signing", badSignature),
        Arguments.of("unknown kid", unknownKid),
        Arguments.of("known kid, other key", knownKidOtherKey),
        Arguments.of("not a JWT", "abc.def"),
        Arguments.of("empty", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forgedTokens")
  void aForgedOrDefectiveTokenIsRefused(String attack, String token) {
    bearer(token)
        .get("/auth/me")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .body("type", equalTo(INVALID_TOKEN))
        .header("WWW-Authenticate", containsString("Bearer"));
    bearer(token)
        .get("/vehicles?limit=1")
        .then()
        .statusCode(401)
        .body("type", equalTo(INVALID_TOKEN));
    bearer(token)
        .contentType("application/json")
        .body("{}")
        .post("/vehicles")
        .then()
        .statusCode(401)
        .body("type", equalTo(INVALID_TOKEN));
  }

  @Test
  void theSameClaimsSignedProperlyAreAccepted() {
    // the control of the suite: the forgeries fail for their defect, not for the test's claims
    bearer(LocalKeys.sign(LocalKeys.claims("mallory", List.of("admin")).build()))
        .get("/auth/me")
        .then()
        .statusCode(200)
        .body("name", equalTo("mallory"));
  }

  /**
   * A verified token is kept by its hash (not verified again on every request): that must not keep
   * a token working once its account is disabled, even though the token itself stays valid.
   */
  @Test
  void aVerifiedTokenOfADisabledAccountIsNotServedFromTheCache() throws Exception {
    String name = "cached-" + UUID.randomUUID().toString().substring(0, 8);
    Accounts.createLocalUser(name, name + "@example.com", Accounts.demoPassword(), "sales");
    String token =
        Accounts.login(name, Accounts.demoPassword())
            .then()
            .statusCode(200)
            .extract()
            .path("access_token");
    // verified once, then answered from the verified-token cache
    bearer(token).get("/auth/me").then().statusCode(200);
    bearer(token).get("/auth/me").then().statusCode(200);

    long id;
    try (java.sql.Connection c = ForecourtServer.dataSource().getConnection();
        java.sql.PreparedStatement ps =
            c.prepareStatement("select id from user_account where username = ?")) {
      ps.setString(1, name);
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        rs.next();
        id = rs.getLong(1);
      }
    }
    Accounts.as("admin").post("/users/{id}/disable", id).then().statusCode(200);
    bearer(token).get("/auth/me").then().statusCode(401).contentType("application/problem+json");
  }

  /**
   * A revoked signing key (believed compromised) leaves the published set at once: the tokens it
   * signed are refused from then on, also those the verified-token cache holds (not up to 30 s
   * later), while a new sign-in and a refresh work.
   */
  @Test
  void aTokenOfARevokedKeyIsNotServedFromTheCache() throws Exception {
    io.restassured.path.json.JsonPath signedIn =
        Accounts.login("sales", Accounts.demoPassword())
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    String token = signedIn.getString("access_token");
    String oldKid = SignedJWT.parse(token).getHeader().getKeyID();
    // verified once, then answered from the verified-token cache
    bearer(token).get("/auth/me").then().statusCode(200);
    bearer(token).get("/auth/me").then().statusCode(200);
    try {
      String newKid =
          Accounts.as("admin")
              .post("/auth/signing-keys/revoke")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getString("kid");
      org.junit.jupiter.api.Assertions.assertNotEquals(oldKid, newKid);
      org.junit.jupiter.api.Assertions.assertEquals(
          1,
          ForecourtServer.queryLong(
              "select count(*) from audit_record where entity_type = 'signing-key'"
                  + " and action = 'revoke' and entity_id = '"
                  + newKid
                  + "'"),
          "the revocation is audited");
      bearer(token)
          .get("/auth/me")
          .then()
          .statusCode(401)
          .contentType("application/problem+json")
          .body("type", equalTo(INVALID_TOKEN));
      anonymous()
          .get("/auth/jwks")
          .then()
          .statusCode(200)
          .body("keys.kid", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(oldKid)));
      String refreshed =
          anonymous()
              .contentType(io.restassured.http.ContentType.JSON)
              .body(java.util.Map.of("refresh_token", signedIn.getString("refresh_token")))
              .post("/auth/refresh")
              .then()
              .statusCode(200)
              .extract()
              .path("access_token");
      bearer(refreshed).get("/auth/me").then().statusCode(200).body("name", equalTo("sales"));
    } finally {
      // the suite's kept tokens were signed by the revoked key
      Accounts.forgetTokens();
    }
  }

  @Test
  void anUnsupportedSchemeIsRefused() {
    anonymous()
        .header("Authorization", "Basic YWRtaW46YWRtaW4=")
        .get("/vehicles?limit=1")
        .then()
        .statusCode(401)
        .body("type", equalTo(INVALID_TOKEN));
  }

  @Test
  void aRotatedSigningKeyKeepsEarlierTokensValidAndSignsNewOnes() throws Exception {
    String before =
        Accounts.login("manager", Accounts.demoPassword()).jsonPath().getString("access_token");
    String oldKid = SignedJWT.parse(before).getHeader().getKeyID();

    String newKid =
        Accounts.as("admin")
            .post("/auth/signing-keys/rotate")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getString("kid");
    String after =
        Accounts.login("manager", Accounts.demoPassword()).jsonPath().getString("access_token");

    org.junit.jupiter.api.Assertions.assertEquals(
        newKid, SignedJWT.parse(after).getHeader().getKeyID());
    org.junit.jupiter.api.Assertions.assertNotEquals(oldKid, newKid);
    bearer(before).get("/auth/me").then().statusCode(200);
    bearer(after).get("/auth/me").then().statusCode(200);
    // only an admin may rotate
    bearer(after)
        .post("/auth/signing-keys/rotate")
        .then()
        .statusCode(403)
        .body("type", equalTo("https://forecourt.dev/problems/forbidden"));
    anonymous()
        .post("/auth/signing-keys/rotate")
        .then()
        .statusCode(401)
        .body("type", equalTo("https://forecourt.dev/problems/unauthenticated"));
  }
}
