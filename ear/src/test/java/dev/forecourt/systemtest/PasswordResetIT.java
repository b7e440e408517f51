package dev.forecourt.systemtest;

import static dev.forecourt.systemtest.support.Accounts.anonymous;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import dev.forecourt.systemtest.support.Accounts;
import dev.forecourt.systemtest.support.ForecourtServer;
import io.restassured.http.ContentType;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Password reset through the server's mail session (mail/forecourt) and a real SMTP server
 * (GreenMail) started by the harness: the mailed token works once, before it expires, and the
 * reset signs the account out everywhere; unknown names get the same answer and no mail.
 */
@ExtendWith(ForecourtServer.class)
class PasswordResetIT {

  private static final Pattern TOKEN = Pattern.compile("fcp_[A-Za-z0-9_-]{43}");

  @AfterEach
  void defaultTtl() {
    ForecourtServer.configProperty("forecourt.security.password-reset.ttl", "PT30M");
  }

  @Test
  void aMailedTokenResetsThePasswordOnceAndSignsOutEverywhere() throws Exception {
    String user = "reset-" + UUID.randomUUID().toString().substring(0, 8);
    String email = user + "@dealer.example";
    Accounts.createLocalUser(user, email, "Old-Password-1", "sales");
    String refresh = Accounts.login(user, "Old-Password-1").then().statusCode(200).extract().path("refresh_token");

    requestReset(email).then().statusCode(202);
    String token = tokenMailedTo(email);

    resetWith(token, "short").then().statusCode(422).body("type", equalTo(problem("validation-failed")))
        .body("errors[0].field", equalTo("newPassword"));
    resetWith("fcp_" + "A".repeat(43), "New-Password-12").then().statusCode(400)
        .body("type", equalTo(problem("invalid-reset-token")));
    resetWith(token, "New-Password-12").then().statusCode(204);
    resetWith(token, "Another-Password-3").then().statusCode(400).body("type", equalTo(problem("invalid-reset-token")));

    Accounts.login(user, "Old-Password-1").then().statusCode(401);
    Accounts.login(user, "New-Password-12").then().statusCode(200);
    anonymous().contentType(ContentType.JSON).body(Map.of("refresh_token", refresh)).post("/auth/refresh")
        .then().statusCode(401).body("type", equalTo(problem("invalid-token")));
  }

  @Test
  void unknownNamesGetTheSameAnswerAndNoMail() throws Exception {
    int before = mail().getReceivedMessages().length;
    requestReset("nobody-" + UUID.randomUUID() + "@dealer.example").then().statusCode(202);
    requestReset("nobody-" + UUID.randomUUID()).then().statusCode(202);
    Thread.sleep(2_000);
    assertEquals(before, mail().getReceivedMessages().length);
    anonymous().contentType(ContentType.JSON).body("{}").post("/auth/password-reset")
        .then().statusCode(422).body("type", equalTo(problem("validation-failed")));
  }

  @Test
  void anExpiredTokenIsRefused() throws Exception {
    ForecourtServer.configProperty("forecourt.security.password-reset.ttl", "PT1S");
    String user = "expiry-" + UUID.randomUUID().toString().substring(0, 8);
    String email = user + "@dealer.example";
    Accounts.createLocalUser(user, email, "Old-Password-1", "sales");
    requestReset(user).then().statusCode(202);
    String token = tokenMailedTo(email);
    Thread.sleep(1_500);
    resetWith(token, "New-Password-12").then().statusCode(400).body("type", equalTo(problem("invalid-reset-token")));
    Accounts.login(user, "Old-Password-1").then().statusCode(200);
  }

  private static io.restassured.response.Response requestReset(String name) {
    return anonymous().contentType(ContentType.JSON).body(Map.of("username", name)).post("/auth/password-reset");
  }

  private static io.restassured.response.Response resetWith(String token, String password) {
    return anonymous().contentType(ContentType.JSON).body(Map.of("token", token, "newPassword", password))
        .post("/auth/password-reset/confirm");
  }

  private static GreenMail mail() {
    return ForecourtServer.mailServer();
  }

  /** The reset token in the mail to {@code address}, waiting up to 20 s for it. */
  private static String tokenMailedTo(String address) throws Exception {
    long deadline = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < deadline) {
      MimeMessage found = Arrays.stream(mail().getReceivedMessages())
          .filter(m -> GreenMailUtil.getAddressList(safeRecipients(m)).contains(address)).findFirst().orElse(null);
      if (found != null) {
        assertEquals("Reset your Forecourt password", found.getSubject());
        assertEquals("forecourt@dealer.example", GreenMailUtil.getAddressList(found.getFrom()));
        Matcher m = TOKEN.matcher(GreenMailUtil.getBody(found));
        assertTrue(m.find(), "the mail holds a token");
        return m.group();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("No reset mail reached " + address + " within 20 s");
  }

  private static jakarta.mail.Address[] safeRecipients(MimeMessage m) {
    try {
      return m.getAllRecipients();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String problem(String slug) {
    return "https://forecourt.dev/problems/" + slug;
  }
}
