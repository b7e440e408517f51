package dev.forecourt.systemtest;

import static dev.forecourt.systemtest.support.Accounts.anonymous;
import static dev.forecourt.systemtest.support.Accounts.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forecourt.systemtest.support.ForecourtServer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /api/v1/admin/settings}: the node's effective {@code forecourt.*} configuration for
 * admins — every declared key with its type, default, configured value and source, secrets masked
 * and their text nowhere in the answer; nobody else may read it.
 */
@ExtendWith(ForecourtServer.class)
class SettingsIT {

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
}
