package dev.forecourt.systemtest;

import static dev.forecourt.systemtest.support.Accounts.anonymous;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import dev.forecourt.systemtest.support.Accounts;
import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.Poll;
import io.restassured.http.ContentType;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Password reset through the server's mail session (mail/forecourt) and a real SMTP server
 * (GreenMail) started by the harness: the mailed token works once, before it expires, and the reset
 * signs the account out everywhere; unknown names get the same answer and no mail.
 */
@ExtendWith(ForecourtServer.class)
class PasswordResetIT {

  private static final Pattern TOKEN = Pattern.compile("fcp_[A-Za-z0-9_-]{43}");

  /** The reset-token lifetime the expiry test sets (forecourt.security.password-reset.ttl). */
  private static final Duration SHORT_TTL = Duration.ofSeconds(1);

  @AfterEach
  void defaultTtl() {
    ForecourtServer.configProperty("forecourt.security.password-reset.ttl", "PT30M");
  }

  @Test
  void aMailedTokenResetsThePasswordOnceAndSignsOutEverywhere() throws Exception {
    String user = "reset-" + UUID.randomUUID().toString().substring(0, 8);
    String email = user + "@dealer.example";
    Accounts.createLocalUser(user, email, "Old-Password-1", "sales");
    String refresh =
        Accounts.login(user, "Old-Password-1")
            .then()
            .statusCode(200)
            .extract()
            .path("refresh_token");

    requestReset(email).then().statusCode(202);
    String token = tokenMailedTo(email);

    resetWith(token, "short")
        .then()
        .statusCode(422)
        .body("type", equalTo(problem("validation-failed")))
        .body("errors[0].field", equalTo("newPassword"));
    resetWith("fcp_" + "A".repeat(43), "New-Password-12")
        .then()
        .statusCode(400)
        .body("type", equalTo(problem("invalid-reset-token")));
    resetWith(token, "New-Password-12").then().statusCode(204);
    resetWith(token, "Another-Password-3")
        .then()
        .statusCode(400)
        .body("type", equalTo(problem("invalid-reset-token")));

    Accounts.login(user, "Old-Password-1").then().statusCode(401);
    Accounts.login(user, "New-Password-12").then().statusCode(200);
    anonymous()
        .contentType(ContentType.JSON)
        .body(Map.of("refresh_token", refresh))
        .post("/auth/refresh")
        .then()
        .statusCode(401)
        .body("type", equalTo(problem("invalid-token")));
  }

  @Test
  void unknownNamesGetTheSameAnswerAndNoMail() throws Exception {
    String user = "marker-" + UUID.randomUUID().toString().substring(0, 8);
    Accounts.createLocalUser(user, user + "@dealer.example", "Old-Password-1", "sales");
    int before = mail().getReceivedMessages().length;
    requestReset("nobody-" + UUID.randomUUID() + "@dealer.example").then().statusCode(202);
    requestReset("nobody-" + UUID.randomUUID()).then().statusCode(202);
    // a known name's reset after them: once its mail is there, a mail for the unknown names would
    // be too
    requestReset(user).then().statusCode(202);
    tokenMailedTo(user + "@dealer.example");
    assertEquals(before + 1, mail().getReceivedMessages().length);
    anonymous()
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/auth/password-reset")
        .then()
        .statusCode(422)
        .body("type", equalTo(problem("validation-failed")));
  }

  @Test
  void anExpiredTokenIsRefused() throws Exception {
    ForecourtServer.configProperty("forecourt.security.password-reset.ttl", SHORT_TTL.toString());
    String user = "expiry-" + UUID.randomUUID().toString().substring(0, 8);
    String email = user + "@dealer.example";
    Accounts.createLocalUser(user, email, "Old-Password-1", "sales");
    requestReset(user).then().statusCode(202);
    String token = tokenMailedTo(email);
    // the token's lifetime must pass; nothing to poll: a reset tried earlier would use the token up
    Poll.pause(SHORT_TTL.plusMillis(500));
    resetWith(token, "New-Password-12")
        .then()
        .statusCode(400)
        .body("type", equalTo(problem("invalid-reset-token")));
    Accounts.login(user, "Old-Password-1").then().statusCode(200);
  }

  private static io.restassured.response.Response requestReset(String name) {
    return anonymous()
        .contentType(ContentType.JSON)
        .body(Map.of("username", name))
        .post("/auth/password-reset");
  }

  private static io.restassured.response.Response resetWith(String token, String password) {
    return anonymous()
        .contentType(ContentType.JSON)
        .body(Map.of("token", token, "newPassword", password))
        .post("/auth/password-reset/confirm");
  }

  private static GreenMail mail() {
    return ForecourtServer.mailServer();
  }

  /** The reset token in the mail to {@code address}, waiting up to 20 s for it. */
  private static String tokenMailedTo(String address) throws Exception {
    MimeMessage found =
        Poll.until(
            Duration.ofSeconds(20),
            () ->
                Arrays.stream(mail().getReceivedMessages())
                    .filter(m -> GreenMailUtil.getAddressList(safeRecipients(m)).contains(address))
                    .findFirst()
                    .orElse(null),
            Objects::nonNull,
            "a reset mail to " + address);
    assertEquals("Reset your Forecourt password", found.getSubject());
    assertEquals("forecourt@dealer.example", GreenMailUtil.getAddressList(found.getFrom()));
    Matcher m = TOKEN.matcher(GreenMailUtil.getBody(found));
    assertTrue(m.find(), "the mail holds a token");
    return m.group();
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
