package dev.forecourt.platform.ratelimit;

import dev.forecourt.platform.config.Setting;
import dev.forecourt.platform.metrics.Meters;
import dev.forecourt.platform.observability.ClientAddress;
import dev.forecourt.platform.problem.ProblemResponses;
import dev.forecourt.platform.security.ApiKeyPrincipal;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Applies the rate limits to every API request, after authentication: login attempts (and password
 * reset requests) per client IP and per username ({@code forecourt.rate-limit.login.per-minute},
 * 10), signed-in callers per user ({@code forecourt.rate-limit.user.per-minute}, 1 000), API keys
 * per key ({@code forecourt.rate-limit.api-key.per-minute}, 1 000), anonymous callers per client IP
 * ({@code forecourt.rate-limit.anonymous.per-minute}, 100). Over the limit: 429 {@code
 * rate-limited} with {@code Retry-After}; every answer carries {@code RateLimit-Limit}, {@code
 * RateLimit-Remaining} and {@code RateLimit-Reset}. The limits are read from MP Config on each
 * request (a changed value takes effect at once, with fresh buckets). When the bucket store fails
 * the request is let through (fail open), logged and counted in {@code
 * forecourt_ratelimit_backend_failures_total}.
 */
@Provider
@Priority(Priorities.AUTHENTICATION + 10)
public class RateLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {

  private static final Logger LOG = Logger.getLogger(RateLimitFilter.class.getName());
  private static final String PROBE = RateLimitFilter.class.getName() + ".probe";
  private static final String LIMIT = RateLimitFilter.class.getName() + ".limit";
  private static final int MAX_LOGIN_BODY = 8 * 1024;

  /** Endpoints that take a password or start a reset: the strict login limits apply. */
  private static final Set<String> CREDENTIAL_PATHS =
      Set.of("auth/login", "auth/session", "auth/password-reset");

  @Inject RateLimitBuckets buckets;

  @Inject Meters meters;

  @Context HttpServletRequest request;

  @Override
  public void filter(ContainerRequestContext context) throws IOException {
    if (!RateLimitSettings.ENABLED.get()) {
      return;
    }
    String ip = ClientAddress.of(request);
    String path = context.getUriInfo().getPath();
    boolean login =
        "POST".equals(context.getMethod()) && CREDENTIAL_PATHS.contains(path.replaceAll("^/+", ""));
    try {
      if (login) {
        long limit = limit(RateLimitSettings.LOGIN);
        if (!admit(context, "login-ip:" + ip, limit, "login")) {
          return;
        }
        String username = username(context);
        if (username != null) {
          admit(context, "login-user:" + username, limit, "login");
        }
      } else if (context.getSecurityContext().getUserPrincipal() instanceof ApiKeyPrincipal key) {
        admit(context, "api-key:" + key.prefix(), limit(RateLimitSettings.API_KEY), "api-key");
      } else if (context.getSecurityContext().getUserPrincipal() != null) {
        admit(
            context,
            "user:" + context.getSecurityContext().getUserPrincipal().getName(),
            limit(RateLimitSettings.USER),
            "user");
      } else {
        admit(context, "ip:" + ip, limit(RateLimitSettings.ANONYMOUS), "anonymous");
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Rate-limit store failed; the request is let through", e);
      meters
          .counter(
              "forecourt_ratelimit_backend_failures_total",
              "Requests let through because the rate-limit store failed")
          .inc();
    }
  }

  /** Takes a token; without one, aborts with 429 and answers false. */
  private boolean admit(
      ContainerRequestContext context, String key, long limit, String limitClass) {
    ConsumptionProbe probe = buckets.consume(key, limit);
    context.setProperty(PROBE, probe);
    context.setProperty(LIMIT, limit);
    if (probe.isConsumed()) {
      return true;
    }
    meters
        .counter(
            "forecourt_ratelimit_rejected_total",
            "Requests refused with 429, by limit class",
            Meters.tag("class", limitClass))
        .inc();
    long retryAfter =
        Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
    Response response = ProblemResponses.of(request, new RateLimitExceeded(limit, retryAfter));
    context.abortWith(response);
    return false;
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (request.getProperty(PROBE) instanceof ConsumptionProbe probe) {
      long reset =
          Math.max(
              0, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForReset() + 999_999_999L));
      response.getHeaders().putSingle("RateLimit-Limit", request.getProperty(LIMIT));
      response.getHeaders().putSingle("RateLimit-Remaining", probe.getRemainingTokens());
      response.getHeaders().putSingle("RateLimit-Reset", reset);
    }
  }

  private static long limit(Setting<Integer> perMinute) {
    return Math.max(1, perMinute.get());
  }

  /** The username of a login body (the body is buffered and put back for the resource). */
  private static String username(ContainerRequestContext context) throws IOException {
    InputStream in = context.getEntityStream();
    byte[] body = in.readNBytes(MAX_LOGIN_BODY + 1);
    byte[] rest = body.length > MAX_LOGIN_BODY ? in.readAllBytes() : new byte[0];
    byte[] all = new byte[body.length + rest.length];
    System.arraycopy(body, 0, all, 0, body.length);
    System.arraycopy(rest, 0, all, body.length, rest.length);
    context.setEntityStream(new ByteArrayInputStream(all));
    if (body.length > MAX_LOGIN_BODY) {
      return null;
    }
    try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
      JsonValue value = reader.readValue();
      if (value instanceof JsonObject object
          && object.get("username") instanceof jakarta.json.JsonString name) {
        return name.getString().trim().toLowerCase(Locale.ROOT);
      }
    } catch (RuntimeException e) {
      // not JSON: the resource answers 400 malformed-request
    }
    return null;
  }
}
