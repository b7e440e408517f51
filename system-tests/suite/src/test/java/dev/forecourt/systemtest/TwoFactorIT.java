package dev.forecourt.systemtest;

import static dev.forecourt.systemtest.support.Accounts.anonymous;
import static dev.forecourt.systemtest.support.Accounts.bearer;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.forecourt.systemtest.support.Accounts;
import dev.forecourt.systemtest.support.ForecourtServer;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * TOTP second factor on the deployed EAR: enrolment (URI and a QR code that decodes to it), the
 * secret encrypted at rest, confirmation, login with a code (each code good once), recovery codes
 * (each good once), wrong codes, turning it off.
 */
@ExtendWith(ForecourtServer.class)
class TwoFactorIT {

  private static final String PASSWORD = "Totp-Password-1";

  @Test
  void enrolConfirmAndSignInWithCodesAndRecoveryCodes() throws Exception {
    String user = "totp-" + UUID.randomUUID().toString().substring(0, 8);
    Accounts.createLocalUser(user, user + "@dealer.example", PASSWORD, "sales");
    String token =
        login(user, PASSWORD, null).then().statusCode(200).extract().path("access_token");

    Response enrolment = bearer(token).post("/auth/2fa/enrol");
    enrolment
        .then()
        .statusCode(200)
        .header("Cache-Control", org.hamcrest.Matchers.containsString("no-store"));
    String secret = enrolment.path("secret");
    String uri = enrolment.path("otpauthUri");
    // the label names the issuer and the account ("Forecourt:<user>", URL-encoded)
    assertTrue(uri.startsWith("otpauth://totp/Forecourt") && uri.contains(user + "?secret="), uri);
    assertTrue(uri.contains("secret=" + secret) && uri.contains("issuer=Forecourt"), uri);
    String qr = enrolment.path("qrCode");
    assertTrue(qr.startsWith("data:image/png;base64,"), qr.substring(0, 30));
    assertEquals(uri, decodeQr(qr), "the QR code holds the otpauth URI");

    // stored encrypted (AES-GCM), never in clear
    String stored = storedSecret(user);
    assertTrue(stored.startsWith("gcm1:"), stored);
    assertFalse(stored.contains(secret));

    // not on before confirmation: the password alone still signs in
    login(user, PASSWORD, null).then().statusCode(200);
    bearer(token)
        .contentType(ContentType.JSON)
        .body(Map.of("code", wrongCode(secret)))
        .post("/auth/2fa/confirm")
        .then()
        .statusCode(422)
        .body("type", equalTo(problem("validation-failed")));
    long step = System.currentTimeMillis() / 30_000;
    List<String> recovery =
        bearer(token)
            .contentType(ContentType.JSON)
            .body(Map.of("code", code(secret, step)))
            .post("/auth/2fa/confirm")
            .then()
            .statusCode(200)
            .extract()
            .path("recoveryCodes");
    assertEquals(10, recovery.size());
    bearer(token)
        .post("/auth/2fa/enrol")
        .then()
        .statusCode(409)
        .body("type", equalTo(problem("conflict")));

    // now the password alone is not enough
    login(user, PASSWORD, null)
        .then()
        .statusCode(401)
        .body("type", equalTo(problem("totp-required")));
    login(user, PASSWORD, wrongCode(secret))
        .then()
        .statusCode(401)
        .body("type", equalTo(problem("authentication-failed")));
    login("nobody-" + UUID.randomUUID(), PASSWORD, code(secret, step))
        .then()
        .statusCode(401)
        .body("type", equalTo(problem("authentication-failed")));
    // the next step's code (one step of drift allowed) signs in once; the same code again does not
    String next = code(secret, step + 1);
    login(user, PASSWORD, next).then().statusCode(200);
    login(user, PASSWORD, next)
        .then()
        .statusCode(401)
        .body("type", equalTo(problem("authentication-failed")));
    // a recovery code signs in once
    login(user, PASSWORD, recovery.get(0)).then().statusCode(200);
    login(user, PASSWORD, recovery.get(0)).then().statusCode(401);
    assertEquals(
        1,
        ForecourtServer.queryLong(
            "select count(*) from recovery_code r join user_account u on u.id = r.user_id"
                + " where u.username = '"
                + user
                + "' and r.used_at is not null"));
    assertEquals(
        0,
        ForecourtServer.queryLong(
            "select count(*) from recovery_code where code_hash = '" + recovery.get(1) + "'"),
        "recovery codes are stored hashed");

    // turning it off needs a code; then the password alone signs in again
    bearer(token)
        .contentType(ContentType.JSON)
        .body(Map.of("code", "000000-x"))
        .post("/auth/2fa/disable")
        .then()
        .statusCode(422);
    bearer(token)
        .contentType(ContentType.JSON)
        .body(Map.of("code", recovery.get(1)))
        .post("/auth/2fa/disable")
        .then()
        .statusCode(204);
    login(user, PASSWORD, null).then().statusCode(200);
  }

  @Test
  void tokenSigningKeysAreEncryptedAtRest() {
    Accounts.token("admin"); // a signing key exists once a token was issued
    assertTrue(ForecourtServer.queryLong("select count(*) from signing_key") > 0);
    assertEquals(
        0,
        ForecourtServer.queryLong(
            "select count(*) from signing_key where private_key not like 'gcm1:%'"));
  }

  @Test
  void onlySignedInLocalAccountsEnrol() {
    anonymous()
        .post("/auth/2fa/enrol")
        .then()
        .statusCode(401)
        .body("type", equalTo(problem("unauthenticated")));
    anonymous()
        .contentType(ContentType.JSON)
        .body(Map.of("code", "123456"))
        .post("/auth/2fa/confirm")
        .then()
        .statusCode(401);
    Accounts.as("sales")
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/auth/2fa/confirm")
        .then()
        .statusCode(422)
        .body("type", equalTo(problem("validation-failed")));
    Accounts.as("sales")
        .contentType(ContentType.JSON)
        .body(Map.of("code", "123456"))
        .post("/auth/2fa/confirm")
        .then()
        .statusCode(409)
        .body("type", equalTo(problem("conflict")));
  }

  private static Response login(String username, String password, String totp) {
    Map<String, String> body = new HashMap<>(Map.of("username", username, "password", password));
    if (totp != null) {
      body.put("totp", totp);
    }
    return anonymous().contentType(ContentType.JSON).body(body).post("/auth/login");
  }

  static String code(String secret, long step) throws Exception {
    return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, step);
  }

  /** A code that is valid for none of the steps around now. */
  private static String wrongCode(String secret) throws Exception {
    long step = System.currentTimeMillis() / 30_000;
    List<String> valid =
        List.of(
            code(secret, step - 1),
            code(secret, step),
            code(secret, step + 1),
            code(secret, step + 2));
    for (int i = 0; ; i++) {
      String candidate = String.format("%06d", (i * 7919) % 1_000_000);
      if (!valid.contains(candidate)) {
        return candidate;
      }
    }
  }

  private static String decodeQr(String dataUri) throws Exception {
    byte[] png = Base64.getDecoder().decode(dataUri.substring(dataUri.indexOf(',') + 1));
    var image = ImageIO.read(new ByteArrayInputStream(png));
    // a generated image holding only the code: without PURE_BARCODE the finder-pattern search
    // missed some codes (the content, and so the pattern, differs with every random secret)
    return new QRCodeReader()
        .decode(
            new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
            Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE))
        .getText();
  }

  private static String storedSecret(String user) throws Exception {
    try (var c = ForecourtServer.dataSource().getConnection();
        var ps = c.prepareStatement("select totp_secret from user_account where username = ?")) {
      ps.setString(1, user);
      try (var rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  private static String problem(String slug) {
    return "https://forecourt.dev/problems/" + slug;
  }
}
