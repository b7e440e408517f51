package dev.forecourt.systemtest;

import static dev.forecourt.systemtest.support.Accounts.anonymous;
import static dev.forecourt.systemtest.support.Accounts.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.Poll;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /api/v1/admin/settings}: the node's effective {@code forecourt.*} configuration for admins
 * — every declared key with its type, default, configured value and source, secrets masked and
 * their text nowhere in the answer; nobody else may read it — and values set at runtime: checked by
 * the key's rules, applied, audited, removed.
 */
@ExtendWith(ForecourtServer.class)
class SettingsIT {

  private static final String PROBLEMS = "https://forecourt.dev/problems/";

  /** The config source of the values set through the API (RuntimeValues.SOURCE). */
  private static final String RUNTIME_SOURCE = "Forecourt runtime settings (admin API)";

  private static final Set<String> TYPES =
      Set.of("string", "boolean", "integer", "duration", "url", "list");

  @Test
  void adminsSeeEveryKeyWithItsTypeDefaultValueAndSourceAndSecretsMasked() {
    String body =
        as("admin")
            .get("/admin/settings")
            .then()
            .statusCode(200)
            .contentType(startsWith("application/json"))
            .extract()
            .asString();
    List<Map<String, Object>> settings = as("admin").get("/admin/settings").jsonPath().getList("$");
    Map<String, Map<String, Object>> byKey =
        settings.stream()
            .collect(Collectors.toMap(s -> (String) s.get("key"), Function.identity()));
    assertTrue(byKey.size() > 40, "every declared key: " + byKey.keySet());
    for (Map<String, Object> s : settings) {
      String key = (String) s.get("key");
      assertTrue(key.startsWith("forecourt."), key);
      assertTrue(TYPES.contains(s.get("type")), key + " type " + s.get("type"));
      assertFalse(((String) s.get("description")).isBlank(), key + " described");
      // the server was deployed, so the deployment check found nothing wrong
      assertEquals(List.of(), s.get("problems"), key + " problems");
      // a configured value has a source, an unconfigured one none (its default applies)
      assertEquals(s.get("value") == null, s.get("source") == null, key + ": " + s);
    }

    // configured in the server's environment by the harness (both servers)
    Map<String, Object> valuation = byKey.get("forecourt.valuation.url");
    assertEquals("url", valuation.get("type"));
    assertTrue(
        ((String) valuation.get("value")).startsWith("http://127.0.0.1:"), valuation::toString);
    assertNotNull(valuation.get("source"), valuation::toString);

    // a secret: masked, its source still shown; its text nowhere in the answer
    Map<String, Object> secretsKey = byKey.get("forecourt.secrets.key");
    assertEquals(true, secretsKey.get("secret"));
    assertEquals("****", secretsKey.get("value"));
    assertNotNull(secretsKey.get("source"), secretsKey::toString);
    Map<String, Object> demoPassword = byKey.get("forecourt.demo.password");
    assertEquals("****", demoPassword.get("value"));
    for (String secret :
        List.of(
            System.getProperty("forecourt.systemtest.env.FORECOURT_SECRETS_KEY"),
            System.getProperty("forecourt.systemtest.env.FORECOURT_DEMO_PASSWORD"))) {
      assertFalse(body.contains(secret), "a secret's text in the answer");
    }

    System.out.printf(
        "[SettingsIT] %d keys, %d configured; forecourt.valuation.url from %s, forecourt.secrets.key"
            + " (****) from %s%n",
        settings.size(),
        settings.stream().filter(s -> s.get("value") != null).count(),
        valuation.get("source"),
        secretsKey.get("source"));

    // a key nobody configured: its default, no value, no source
    assertTrue(
        settings.stream()
            .anyMatch(
                s ->
                    s.get("value") == null
                        && s.get("defaultValue") != null
                        && s.get("source") == null),
        "keys left at their default");
    // a key with a placeholder lists the configured keys of its shape, no values
    Map<String, Object> integrations = byKey.get("forecourt.integrations.<source>.secret");
    assertNull(integrations.get("value"));
    assertNotNull(integrations.get("instances"), integrations::toString);
  }

  @Test
  void nobodyButAdminsMayReadIt() {
    for (String user : List.of("manager", "sales")) {
      as(user)
          .get("/admin/settings")
          .then()
          .statusCode(403)
          .contentType(startsWith("application/problem+json"))
          .body("type", equalTo("https://forecourt.dev/problems/forbidden"));
    }
    anonymous()
        .get("/admin/settings")
        .then()
        .statusCode(401)
        .contentType(startsWith("application/problem+json"))
        .body("type", equalTo("https://forecourt.dev/problems/unauthenticated"));
  }

  private static final String LIMIT = "forecourt.rate-limit.anonymous.per-minute";

  /**
   * A value set through the API wins over the server's configuration on the next request (the
   * anonymous rate limit the filter reads per request shows in {@code RateLimit-Limit}), shows in
   * the report with its source, is audited, and leaves with its removal.
   */
  @Test
  void aValueSetAtRuntimeAppliesUntilItIsRemoved() {
    String before = anonymous().get("/ping").header("RateLimit-Limit");
    as("admin")
        .contentType(ContentType.JSON)
        .body(Map.of("value", "4321"))
        .put("/admin/settings/{key}", LIMIT)
        .then()
        .statusCode(200)
        .body("key", equalTo(LIMIT))
        .body("value", equalTo("4321"))
        .body("source", equalTo(RUNTIME_SOURCE))
        .body("change", equalTo("runtime"));
    try {
      Poll.until(
          Duration.ofSeconds(10),
          () -> "4321".equals(anonymous().get("/ping").header("RateLimit-Limit")),
          "the filter reads the value set at runtime");
      Map<String, Object> shown = setting(LIMIT);
      assertEquals("4321", shown.get("value"));
      assertEquals(RUNTIME_SOURCE, shown.get("source"));
      as("admin")
          .get("/admin/audit?entityType=setting&entityId={key}", LIMIT)
          .then()
          .statusCode(200)
          .body("items[0].action", equalTo("change"))
          .body("items[0].subject", equalTo("admin"))
          .body("items[0].outcome", equalTo("SUCCESS"))
          .body("items[0].changes", containsString("4321"));
    } finally {
      as("admin").delete("/admin/settings/{key}", LIMIT).then().statusCode(204);
    }
    Poll.until(
        Duration.ofSeconds(10),
        () -> String.valueOf(before).equals(anonymous().get("/ping").header("RateLimit-Limit")),
        "the server's configuration applies again");
    assertFalse(RUNTIME_SOURCE.equals(setting(LIMIT).get("source")), "not from the API any more");
    as("admin")
        .delete("/admin/settings/{key}", LIMIT)
        .then()
        .statusCode(404)
        .body("type", equalTo(PROBLEMS + "not-found"));
  }

  /** A secret set at runtime is shown masked, and its text is in no answer and no audit record. */
  @Test
  void aSecretSetAtRuntimeIsNeverShown() {
    String key = "forecourt.demo.password";
    String secret = "Runtime-Secret-" + System.nanoTime();
    as("admin")
        .contentType(ContentType.JSON)
        .body(Map.of("value", secret))
        .put("/admin/settings/{key}", key)
        .then()
        .statusCode(200)
        .body("value", equalTo("****"))
        .body("secret", equalTo(true));
    try {
      assertFalse(as("admin").get("/admin/settings").asString().contains(secret));
      String audit =
          as("admin")
              .get("/admin/audit?entityType=setting&entityId={key}", key)
              .then()
              .statusCode(200)
              .extract()
              .asString();
      assertTrue(audit.contains("\"change\""), audit);
      assertFalse(audit.contains(secret), "the secret in the audit trail: " + audit);
      // stored encrypted
      String stored =
          ForecourtServer.queryString(
              "select setting_value from runtime_setting where setting_key = '" + key + "'");
      assertTrue(stored.startsWith("gcm1:"), "stored encrypted");
    } finally {
      as("admin").delete("/admin/settings/{key}", key).then().statusCode(204);
    }
  }

  @Test
  void aBadValueIsRefusedWithTheReasonAndNothingIsApplied() {
    as("admin")
        .contentType(ContentType.JSON)
        .body(Map.of("value", "soon"))
        .put("/admin/settings/{key}", LIMIT)
        .then()
        .statusCode(422)
        .contentType(startsWith("application/problem+json"))
        .body("type", equalTo(PROBLEMS + "validation-failed"))
        .body("errors[0].field", equalTo("value"))
        .body("errors[0].message", containsString(LIMIT));
    assertFalse(RUNTIME_SOURCE.equals(setting(LIMIT).get("source")), "nothing applied");
    as("admin")
        .contentType(ContentType.JSON)
        .body(Map.of("value", " "))
        .put("/admin/settings/{key}", LIMIT)
        .then()
        .statusCode(422)
        .body("type", equalTo(PROBLEMS + "validation-failed"));
    as("admin")
        .contentType(ContentType.JSON)
        .body(Map.of("value", "9".repeat(2001)))
        .put("/admin/settings/{key}", LIMIT)
        .then()
        .statusCode(422)
        .body("type", equalTo(PROBLEMS + "validation-failed"))
        .body("errors[0].message", containsString("at most 2000"));
    as("admin")
        .contentType(ContentType.JSON)
        .put("/admin/settings/{key}", LIMIT)
        .then()
        .statusCode(400)
        .body("type", equalTo(PROBLEMS + "malformed-request"));
    as("admin")
        .contentType(ContentType.JSON)
        .body(Map.of("value", "1"))
        .put("/admin/settings/{key}", "forecourt.no-such-key")
        .then()
        .statusCode(404)
        .body("type", equalTo(PROBLEMS + "not-found"));
    // the secrets key (the runtime values are encrypted with it) and the hosts webhooks may call
    // are the server's only
    for (Map.Entry<String, String> serverOnly :
        Map.of(
                "forecourt.secrets.key", "9g8HIbE95vsMqEK0MzGTRLImTcsVZvPDWkq9309Z7YA=",
                "forecourt.webhooks.allowed-hosts", "10.0.0.1")
            .entrySet()) {
      as("admin")
          .contentType(ContentType.JSON)
          .body(Map.of("value", serverOnly.getValue()))
          .put("/admin/settings/{key}", serverOnly.getKey())
          .then()
          .statusCode(400)
          .body("type", equalTo(PROBLEMS + "invalid-parameter"));
      assertEquals("server", setting(serverOnly.getKey()).get("change"));
    }
    as("manager")
        .contentType(ContentType.JSON)
        .body(Map.of("value", "100"))
        .put("/admin/settings/{key}", LIMIT)
        .then()
        .statusCode(403)
        .body("type", equalTo(PROBLEMS + "forbidden"));
  }

  private static Map<String, Object> setting(String key) {
    List<Map<String, Object>> settings = as("admin").get("/admin/settings").jsonPath().getList("$");
    return settings.stream().filter(s -> key.equals(s.get("key"))).findFirst().orElseThrow();
  }
}
