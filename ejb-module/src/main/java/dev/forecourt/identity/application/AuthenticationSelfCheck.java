package dev.forecourt.identity.application;

import dev.forecourt.platform.config.Settings;
import dev.forecourt.platform.health.HealthSettings;
import dev.forecourt.platform.health.ReadinessCheck;
import dev.forecourt.platform.health.ReadinessHealth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Readiness of authentication, end to end: a short-lived token for the caller {@value #SUBJECT}
 * (group {@value #ROLE}, which no sign-in and no API key can obtain) is signed with the current
 * signing key and verified as every bearer token is; then, when {@code
 * forecourt.health.self-check.base-url} names this server's own HTTP listener (set by {@code
 * configure-domain.sh}), it is presented to {@code GET /api/v1/auth/self-check}, which passes the
 * HTTP authentication mechanism, the JAX-RS filters and an EJB's {@code @RolesAllowed}. Only a 204
 * (or a 429, which the rate limit gives after authentication) is UP: a web module that did not
 * start, a broken authentication bridge or a refused EJB call make the node not ready.
 *
 * <p>No answer within the time-out is not a wrong answer: under load the self-check waits for an
 * HTTP thread like every request. Taking a busy node out of the load balancer would pile its load
 * onto the others until they time out too (seen under 200 writes/s on two nodes: both out, every
 * request refused), so an unanswered self-check keeps the last answer for {@code
 * forecourt.health.self-check.patience} (PT60S); unanswered longer, or never answered, it is DOWN.
 */
@ApplicationScoped
public class AuthenticationSelfCheck implements ReadinessCheck {

  /** The role (group) of the self-check caller. */
  public static final String ROLE = "self-check";

  static final String SUBJECT = "forecourt-self-check";
  static final String PATH = "/api/v1/auth/self-check";
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  @Inject TokenIssuer issuer;
  @Inject TokenVerifier verifier;

  @Inject Settings settings;

  private final Clock clock = Clock.systemUTC();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private volatile Issued token;

  /** When the HTTP self-check last got a right answer. */
  private volatile Instant answered;

  private record Issued(String jwt, Instant renewAfter) {}

  @Override
  public String name() {
    return ReadinessHealth.AUTHENTICATION;
  }

  @Override
  public Result probe() {
    String jwt;
    try {
      jwt = token();
      verifier.verify(jwt);
    } catch (InvalidTokenException e) {
      return Result.down("a token signed with the current key is refused: " + e.getMessage());
    } catch (RuntimeException e) {
      return Result.down("no token can be signed: " + e.getClass().getSimpleName());
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("tokenVerified", true);
    Optional<String> baseUrl = settings.find(HealthSettings.SELF_CHECK_BASE_URL);
    if (baseUrl.isEmpty()) {
      data.put("http", "not configured (forecourt.health.self-check.base-url)");
      return Result.up(data);
    }
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(baseUrl.get().replaceAll("/+$", "") + PATH))
              .timeout(TIMEOUT)
              .header("Authorization", "Bearer " + jwt)
              .GET()
              .build();
      int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      data.put("httpStatus", status);
      boolean right = status == 204 || status == 429;
      answered = right ? clock.instant() : null;
      return new Result(right, data);
    } catch (HttpTimeoutException e) {
      Instant last = answered;
      if (last != null
          && !clock
              .instant()
              .isAfter(last.plus(settings.get(HealthSettings.SELF_CHECK_PATIENCE)))) {
        data.put("httpStatus", "no answer within " + TIMEOUT.toSeconds() + " s (busy)");
        data.put("lastAnswered", last.toString());
        return Result.up(data);
      }
      return Result.down(
          "the HTTP self-check got no answer within "
              + TIMEOUT.toSeconds()
              + " s"
              + (last == null ? "" : ", none since " + last));
    } catch (IOException | IllegalArgumentException e) {
      return Result.down("the HTTP self-check failed: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Result.down("interrupted");
    }
  }

  /** The self-check token, renewed half-way through its life (and when the signing key changed). */
  private String token() {
    Instant now = clock.instant();
    Issued t = token;
    if (t == null || now.isAfter(t.renewAfter()) || !issuer.signedWithCurrentKey(t.jwt())) {
      Duration lifetime = Duration.ofSeconds(60);
      t =
          new Issued(
              issuer.selfCheckToken(SUBJECT, ROLE, now, lifetime), now.plus(lifetime.dividedBy(2)));
      token = t;
    }
    return t.jwt();
  }
}
