package dev.forecourt.integration.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

  // the example of the Standard Webhooks specification
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final long TIMESTAMP = 1614265330;
  private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
  private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

  @Test
  void signsLikeTheSpecificationsExample() {
    assertEquals(SIGNATURE, WebhookSignature.sign(SECRET, ID, TIMESTAMP, BODY));
  }

  @Test
  void verifiesAnyOfSeveralSignatures() {
    assertTrue(WebhookSignature.verify(SECRET, ID, TIMESTAMP, BODY, SIGNATURE));
    assertTrue(WebhookSignature.verify(SECRET, ID, TIMESTAMP, BODY, "v1,AAAA " + SIGNATURE));
  }

  @Test
  void refusesAnAlteredMessageOrAMalformedHeader() {
    assertFalse(WebhookSignature.verify(SECRET, ID, TIMESTAMP + 1, BODY, SIGNATURE));
    assertFalse(WebhookSignature.verify(SECRET, "msg_other", TIMESTAMP, BODY, SIGNATURE));
    assertFalse(
        WebhookSignature.verify(
            SECRET, ID, TIMESTAMP, "{\"test\": 1}".getBytes(StandardCharsets.UTF_8), SIGNATURE));
    assertFalse(
        WebhookSignature.verify(SECRET, ID, TIMESTAMP, BODY, "v2," + SIGNATURE.substring(3)));
    assertFalse(WebhookSignature.verify(SECRET, ID, TIMESTAMP, BODY, "v1,not base64!"));
    assertFalse(WebhookSignature.verify(SECRET, ID, TIMESTAMP, BODY, ""));
    assertFalse(WebhookSignature.verify(SECRET, ID, TIMESTAMP, BODY, null));
  }

  @Test
  void newSecretsAreWellFormedAndDistinct() {
    String a = WebhookSignature.newSecret();
    assertTrue(WebhookSignature.isWellFormed(a));
    assertFalse(a.equals(WebhookSignature.newSecret()));
    assertFalse(WebhookSignature.isWellFormed("whsec_c2hvcnQ="));
    assertFalse(WebhookSignature.isWellFormed("not a secret"));
    assertFalse(WebhookSignature.isWellFormed(null));
  }
}
