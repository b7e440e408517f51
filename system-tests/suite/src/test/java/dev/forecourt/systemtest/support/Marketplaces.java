package dev.forecourt.systemtest.support;

import static dev.forecourt.systemtest.support.Accounts.anonymous;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * What a marketplace does to push a lead: a {@code whsec_} secret, a JSON body, a signed request.
 */
public final class Marketplaces {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Marketplaces() {}

  /** A new source secret: {@code whsec_} and 32 random bytes in base64. */
  public static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "whsec_" + Base64.getEncoder().encodeToString(bytes);
  }

  public static String json(Object value) {
    try {
      return new ObjectMapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * An anonymous request carrying {@code body}, signed with {@code secret} as message {@code id} at
   * {@code timestamp}.
   */
  public static RequestSpecification signed(String id, long timestamp, String body, String secret) {
    return anonymous()
        .contentType(ContentType.JSON)
        .header("webhook-id", id)
        .header("webhook-timestamp", Long.toString(timestamp))
        .header(
            "webhook-signature",
            WebhookReceiver.sign(secret, id, timestamp, body.getBytes(StandardCharsets.UTF_8)))
        .body(body);
  }
}
