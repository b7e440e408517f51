package dev.forecourt.systemtest;

import static dev.forecourt.systemtest.support.Accounts.anonymous;
import static dev.forecourt.systemtest.support.Accounts.as;
import static dev.forecourt.systemtest.support.Marketplaces.signed;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.Marketplaces;
import dev.forecourt.systemtest.support.WebhookReceiver;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Leads pushed by a marketplace to POST /integrations/leads/{source} on the deployed EAR, signed
 * like a Standard Webhooks sender does: a valid message creates the lead once per marketplace
 * reference; a bad, missing or stale signature is 401, a replayed webhook-id 409.
 */
@ExtendWith(ForecourtServer.class)
class InboundLeadsIT {

  private static final String PROBLEMS = "https://forecourt.dev/problems/";
  private static final String SOURCE = "autoscout";
  private static String secret;

  @BeforeAll
  static void configureTheSource() {
    secret = Marketplaces.newSecret();
    // what an operator does: the source's secret in the domain's configuration (asadmin)
    ForecourtServer.configProperty("forecourt.integrations." + SOURCE + ".secret", secret);
  }

  private static String body(String externalId) {
    Map<String, Object> customer = new LinkedHashMap<>();
    customer.put("firstName", "Jonas");
    customer.put("lastName", "Beispiel");
    customer.put("email", "jonas." + UUID.randomUUID().toString().substring(0, 8) + "@example.org");
    customer.put("consentMarketing", false);
    customer.put("consentContact", true);
    Map<String, Object> lead = new LinkedHashMap<>();
    lead.put("externalId", externalId);
    lead.put("dealershipCode", "BER");
    lead.put("customer", customer);
    lead.put("message", "Is the car still available?");
    return Marketplaces.json(lead);
  }

  private static Response send(String id, String body) {
    return signed(id, Instant.now().getEpochSecond(), body, secret)
        .post("/integrations/leads/{source}", SOURCE);
  }

  private static String messageId() {
    return "msg_" + UUID.randomUUID();
  }

  @Test
  void aSignedLeadIsCreatedOncePerMarketplaceReference() {
    String reference = "AS-" + UUID.randomUUID();
    String body = body(reference);
    String first = messageId();
    Response created = send(first, body);
    created
        .then()
        .statusCode(201)
        .header("Location", containsString("/api/v1/leads/"))
        .body("created", equalTo(true));
    long lead = created.jsonPath().getLong("leadId");
    as("admin")
        .get("/leads/{id}", lead)
        .then()
        .statusCode(200)
        .body("source", equalTo("MARKETPLACE"))
        .body("status", equalTo("NEW"))
        .body("dealershipCode", equalTo("BER"));

    // the marketplace sends the same lead again under a new message id: the same lead, not a second
    // one
    send(messageId(), body)
        .then()
        .statusCode(200)
        .body("leadId", equalTo((int) lead))
        .body("created", equalTo(false));
    assertEquals(
        1,
        ForecourtServer.queryLong(
            "select count(*) from sales_lead where external_source = '"
                + SOURCE
                + "' and external_ref = '"
                + reference
                + "'"));
    // the event names the marketplace reference
    assertEquals(
        1,
        ForecourtServer.queryLong(
            "select count(*) from outbox_event where type = 'lead.created'"
                + " and aggregate_id = '"
                + lead
                + "' and payload like '%"
                + reference
                + "%'"));

    // a replay of the first message (a fresh, valid signature) is refused
    send(first, body).then().statusCode(409).body("type", equalTo(PROBLEMS + "replayed-message"));
  }

  @Test
  void badSignaturesAreRefused() {
    String body = body("AS-" + UUID.randomUUID());
    long now = Instant.now().getEpochSecond();
    String otherSecret = Marketplaces.newSecret();
    signed(messageId(), now, body, otherSecret)
        .post("/integrations/leads/{s}", SOURCE)
        .then()
        .statusCode(401)
        .body("type", equalTo(PROBLEMS + "invalid-signature"));
    // signed, then the body altered on the way
    signed(messageId(), now, body, secret)
        .body(body.replace("BER", "MUC"))
        .post("/integrations/leads/{s}", SOURCE)
        .then()
        .statusCode(401)
        .body("type", equalTo(PROBLEMS + "invalid-signature"));
    // outside the 5-minute tolerance, either way
    signed(messageId(), now - 360, body, secret)
        .post("/integrations/leads/{s}", SOURCE)
        .then()
        .statusCode(401)
        .body("type", equalTo(PROBLEMS + "invalid-signature"))
        .body("detail", containsString("5 minutes"));
    signed(messageId(), now + 360, body, secret)
        .post("/integrations/leads/{s}", SOURCE)
        .then()
        .statusCode(401)
        .body("type", equalTo(PROBLEMS + "invalid-signature"));
    // a missing header each
    for (String missing : new String[] {"webhook-id", "webhook-timestamp", "webhook-signature"}) {
      Map<String, String> headers = new LinkedHashMap<>();
      String id = messageId();
      headers.put("webhook-id", id);
      headers.put("webhook-timestamp", Long.toString(now));
      headers.put(
          "webhook-signature",
          WebhookReceiver.sign(secret, id, now, body.getBytes(StandardCharsets.UTF_8)));
      headers.remove(missing);
      anonymous()
          .contentType(ContentType.JSON)
          .headers(headers)
          .body(body)
          .post("/integrations/leads/{s}", SOURCE)
          .then()
          .statusCode(401)
          .body("type", equalTo(PROBLEMS + "invalid-signature"));
    }
    String undated = messageId();
    anonymous()
        .contentType(ContentType.JSON)
        .header("webhook-id", undated)
        .header("webhook-timestamp", "yesterday")
        .header(
            "webhook-signature",
            WebhookReceiver.sign(secret, undated, now, body.getBytes(StandardCharsets.UTF_8)))
        .body(body)
        .post("/integrations/leads/{s}", SOURCE)
        .then()
        .statusCode(401)
        .body("type", equalTo(PROBLEMS + "invalid-signature"));
    anonymous()
        .contentType(ContentType.JSON)
        .header("webhook-id", messageId())
        .header("webhook-timestamp", Long.toString(now))
        .header("webhook-signature", "v1,bm90IGEgc2lnbmF0dXJl")
        .body(body)
        .post("/integrations/leads/{s}", SOURCE)
        .then()
        .statusCode(401)
        .body("type", equalTo(PROBLEMS + "invalid-signature"));
  }

  @Test
  void unknownSourcesAndBadBodiesAreAnsweredWithTheExactProblem() {
    String body = body("AS-" + UUID.randomUUID());
    signed(messageId(), Instant.now().getEpochSecond(), body, secret)
        .post("/integrations/leads/{s}", "mobile-xx")
        .then()
        .statusCode(404)
        .body("type", equalTo(PROBLEMS + "not-found"));
    signed(messageId(), Instant.now().getEpochSecond(), body, secret)
        .post("/integrations/leads/{s}", "Bad_Source!")
        .then()
        .statusCode(404)
        .body("type", equalTo(PROBLEMS + "not-found"));
    send(messageId(), "{\"externalId\": ")
        .then()
        .statusCode(400)
        .body("type", equalTo(PROBLEMS + "malformed-request"));
    send(messageId(), "{\"externalId\": \"AS-1\", \"dealershipCode\": \"BER\"}")
        .then()
        .statusCode(422)
        .body("type", equalTo(PROBLEMS + "validation-failed"));
    send(messageId(), body.replace("\"BER\"", "\"XXX\""))
        .then()
        .statusCode(422)
        .body("type", equalTo(PROBLEMS + "validation-failed"));
  }
}
