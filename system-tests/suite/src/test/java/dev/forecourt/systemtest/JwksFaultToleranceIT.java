package dev.forecourt.systemtest;

import static dev.forecourt.systemtest.support.Accounts.bearer;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.KeycloakServer;
import dev.forecourt.systemtest.support.LocalKeys;
import dev.forecourt.systemtest.support.Metrics;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * MicroProfile Fault Tolerance on the JWKS fetch of the enterprise SSO provider, proven on the
 * deployed EAR against a real Keycloak that is frozen (SIGSTOP: it accepts connections and never
 * answers, a hanging provider) and then thawed. A token with an unknown {@code kid} makes the
 * server re-read the JWKS (at most once a second in the system tests): each such read times out (2
 * s), the caller gets 401 {@code invalid-token} within seconds (never a 500, never a hang), the
 * breaker opens and later reads are refused without a call, while a token signed with a key read
 * before keeps working. When the provider is back, a trial read closes the breaker.
 *
 * <p>The bulkhead (2) on the fetch cannot be filled from outside: nimbus lets one thread per issuer
 * refresh the JWKS while the others wait for its result. Its counter shows the fetches pass it.
 */
@ExtendWith({KeycloakServer.class, ForecourtServer.class})
class JwksFaultToleranceIT {

  private static final String METHOD = "dev.forecourt.identity.infrastructure.JwksFetcher.fetch";
  private static final Map<String, String> OF_METHOD = Map.of("method", METHOD);
  private static final String INVALID_TOKEN = "https://forecourt.dev/problems/invalid-token";
  private static final String PASSWORD = "Forecourt-Test-1";

  private static RSAKey stranger;

  @BeforeAll
  static void aKeyTheProviderDoesNotKnow() throws Exception {
    stranger =
        new RSAKeyGenerator(2048)
            .keyUse(KeyUse.SIGNATURE)
            .algorithm(JWSAlgorithm.RS256)
            .keyID("unknown-" + UUID.randomUUID())
            .generate();
  }

  @Test
  void aHangingProviderTimesOutOpensTheBreakerAndTheKeysReadBeforeKeepWorking() throws Exception {
    String known = KeycloakServer.token("kc-sales", PASSWORD);
    bearer(known).get("/auth/me").then().statusCode(200); // the provider's keys are read and cached
    double timedOut =
        Metrics.sum("ft_timeout_calls_total", Map.of("method", METHOD, "timedOut", "true"));
    double opened = Metrics.sum("ft_circuitbreaker_opened_total", OF_METHOD);
    double accepted =
        Metrics.sum(
            "ft_bulkhead_calls_total", Map.of("method", METHOD, "bulkheadResult", "accepted"));

    KeycloakServer.pause();
    try {
      // unknown kids until the breaker opens: every answer a 401 within a few seconds
      WebhooksIT.await(
          "the JWKS breaker open",
          Duration.ofSeconds(90),
          () -> {
            assertRefusedQuickly(unknownKidToken());
            return Metrics.sum("ft_circuitbreaker_opened_total", OF_METHOD) >= opened + 1;
          });
      assertTrue(
          Metrics.sum("ft_timeout_calls_total", Map.of("method", METHOD, "timedOut", "true"))
              >= timedOut + 2,
          "the reads timed out");
      assertTrue(
          Metrics.sum(
                  "ft_bulkhead_calls_total", Map.of("method", METHOD, "bulkheadResult", "accepted"))
              >= accepted + 2,
          "the reads passed the bulkhead");

      // open: the provider is not called (no time-out), the answer is a 401 at once
      double prevented =
          Metrics.sum(
              "ft_circuitbreaker_calls_total",
              Map.of("method", METHOD, "circuitBreakerResult", "circuitBreakerOpen"));
      WebhooksIT.await(
          "a read refused by the open breaker",
          Duration.ofSeconds(20),
          () -> {
            assertRefusedQuickly(unknownKidToken());
            return Metrics.sum(
                    "ft_circuitbreaker_calls_total",
                    Map.of("method", METHOD, "circuitBreakerResult", "circuitBreakerOpen"))
                >= prevented + 1;
          });

      // the key read before the outage keeps working
      bearer(known).get("/auth/me").then().statusCode(200).body("name", equalTo("kc-sales"));
    } finally {
      KeycloakServer.resume();
    }

    // the provider answers again: after the breaker's delay (4 s here) a trial read succeeds
    double succeeded =
        Metrics.sum(
            "ft_circuitbreaker_calls_total",
            Map.of("method", METHOD, "circuitBreakerResult", "success"));
    WebhooksIT.await(
        "a successful read of the JWKS",
        Duration.ofSeconds(60),
        () -> {
          assertRefusedQuickly(unknownKidToken()); // still unknown, but now read from the provider
          return Metrics.sum(
                  "ft_circuitbreaker_calls_total",
                  Map.of("method", METHOD, "circuitBreakerResult", "success"))
              >= succeeded + 1;
        });
    bearer(KeycloakServer.token("kc-sales", PASSWORD)).get("/auth/me").then().statusCode(200);
  }

  /** 401 invalid-token (not 500, not a hang): well within the 30 s a client would wait. */
  private static void assertRefusedQuickly(String token) {
    long start = System.nanoTime();
    Response answer = bearer(token).get("/auth/me");
    long millis = (System.nanoTime() - start) / 1_000_000;
    answer.then().statusCode(401).body("type", equalTo(INVALID_TOKEN));
    assertTrue(millis < 10_000, "a refused token took " + millis + " ms");
  }

  /**
   * A well-formed token of the provider's issuer and audience, signed by a key it never published.
   */
  private static String unknownKidToken() {
    return LocalKeys.sign(
        LocalKeys.claims("kc-sales", List.of("sales"))
            .issuer(KeycloakServer.issuer())
            .audience(KeycloakServer.CLIENT_ID)
            .build(),
        stranger.getKeyID(),
        toPrivateKey());
  }

  private static java.security.PrivateKey toPrivateKey() {
    try {
      return stranger.toPrivateKey();
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
