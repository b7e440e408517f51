package dev.forecourt.identity.api;

import dev.forecourt.platform.security.TrustedProxies;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.NewCookie;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * The web console's session: the access token in an {@code HttpOnly}, {@code SameSite=Strict}
 * cookie ({@value #COOKIE}, path {@code /}; {@code Secure} when the request came over TLS, directly
 * or through a trusted proxy's {@code X-Forwarded-Proto}), the refresh token in another ({@value
 * #REFRESH_COOKIE}, sent only to {@value #PATH}; a session opened by single sign-on keeps the
 * provider's refresh token in {@value #SSO_REFRESH_COOKIE} instead). The authentication mechanism
 * takes the session cookie as it takes a bearer token, so the console calls the same {@code
 * /api/v1} with the same roles and dealership scoping.
 *
 * <p>CSRF: a request that changes state ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE})
 * and is authenticated by the cookie must carry {@value #CSRF_HEADER} with the session's CSRF
 * token: the base64url SHA-256 of the session cookie's value. The console gets it in the session's
 * answer; another site can neither read the cookie nor the answer, so it cannot compute it, and a
 * token lasts as long as its session (the hash of a secret, high-entropy value needs no server key,
 * and every node agrees on it).
 */
public final class ConsoleSession {

  /** The session cookie: the access token. */
  public static final String COOKIE = "forecourt-session";

  /** The refresh cookie: the refresh token, sent only to the session resource. */
  public static final String REFRESH_COOKIE = "forecourt-refresh";

  /** The refresh cookie of a single sign-on: the provider's refresh token, sent only there too. */
  public static final String SSO_REFRESH_COOKIE = "forecourt-sso-refresh";

  /** The header that carries the CSRF token. */
  public static final String CSRF_HEADER = "X-CSRF-Token";

  /** The session resource (sign-in, refresh, sign-out), below the application path. */
  public static final String PATH = "/api/v1/auth/session";

  /** The single sign-on's start and callback, below the application path. */
  public static final String SSO_PATH = "/api/v1/auth/sso";

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  private ConsoleSession() {}

  /** The session cookie's value, if the request has one. */
  public static Optional<String> token(HttpServletRequest request) {
    return cookie(request, COOKIE);
  }

  /** The refresh cookie's value, if the request has one. */
  public static Optional<String> refreshToken(HttpServletRequest request) {
    return cookie(request, REFRESH_COOKIE);
  }

  /** The single sign-on's refresh cookie's value, if the request has one. */
  public static Optional<String> ssoRefreshToken(HttpServletRequest request) {
    return cookie(request, SSO_REFRESH_COOKIE);
  }

  /** The CSRF token of a session. */
  public static String csrfToken(String sessionToken) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(("forecourt-csrf:" + sessionToken).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * Whether the request may go on as far as CSRF is concerned: a safe method, or the session's CSRF
   * token in {@value #CSRF_HEADER} (compared in constant time).
   */
  public static boolean csrfSatisfied(HttpServletRequest request, String sessionToken) {
    if (SAFE_METHODS.contains(request.getMethod())) {
      return true;
    }
    String sent = request.getHeader(CSRF_HEADER);
    return sent != null
        && MessageDigest.isEqual(
            sent.getBytes(StandardCharsets.UTF_8),
            csrfToken(sessionToken).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Whether the request goes to the session resource's sign-in, refresh or sign-out, which read the
   * cookies themselves: there an expired session cookie is no refused credential.
   */
  public static boolean managesItself(HttpServletRequest request) {
    String path = path(request);
    return path.equals(PATH) && !SAFE_METHODS.contains(request.getMethod())
        || path.startsWith(PATH + "/")
        || path.startsWith(SSO_PATH + "/")
        || path.equals(SSO_PATH);
  }

  /**
   * Whether the request reads the session ({@code GET} of {@value #PATH}): it renews an expired
   * session with the refresh cookie, so that a reloaded console page gets its caller and CSRF token
   * back.
   */
  public static boolean isResume(HttpServletRequest request) {
    return path(request).equals(PATH) && "GET".equals(request.getMethod());
  }

  private static String path(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
  }

  /** Whether the request is the sign-in itself (no session to protect yet). */
  public static boolean isSignIn(HttpServletRequest request) {
    return path(request).equals(PATH) && "POST".equals(request.getMethod());
  }

  /** The cookies of a new session (and no single sign-on's refresh cookie left from before). */
  public static NewCookie[] cookies(
      HttpServletRequest request, String accessToken, String refreshToken, Duration lifetime) {
    return new NewCookie[] {
      cookie(request, COOKIE, accessToken, "/", maxAge(lifetime)),
      cookie(request, REFRESH_COOKIE, refreshToken, PATH, maxAge(lifetime)),
      cookie(request, SSO_REFRESH_COOKIE, "", PATH, 0)
    };
  }

  /**
   * The cookies of a session signed in through the provider: its access token, for its lifetime,
   * and the provider's refresh token (if it gave one) for as long as the browser runs: the provider
   * decides how long it renews the session (its own session's idle and maximum times); without one
   * the console signs in through the provider again, without a prompt while that session lasts.
   */
  public static NewCookie[] providerSession(
      HttpServletRequest request, String accessToken, Duration lifetime, String refreshToken) {
    return new NewCookie[] {
      cookie(request, COOKIE, accessToken, "/", maxAge(lifetime)),
      refreshToken == null
          ? cookie(request, SSO_REFRESH_COOKIE, "", PATH, 0)
          : cookie(request, SSO_REFRESH_COOKIE, refreshToken, PATH, NewCookie.DEFAULT_MAX_AGE),
      // no local session's refresh cookie left from before: it would renew another caller
      cookie(request, REFRESH_COOKIE, "", PATH, 0)
    };
  }

  /** The cookies that end a session in the browser. */
  public static NewCookie[] cleared(HttpServletRequest request) {
    return new NewCookie[] {
      cookie(request, COOKIE, "", "/", 0),
      cookie(request, REFRESH_COOKIE, "", PATH, 0),
      cookie(request, SSO_REFRESH_COOKIE, "", PATH, 0)
    };
  }

  private static int maxAge(Duration lifetime) {
    return (int) Math.min(Integer.MAX_VALUE, lifetime.toSeconds());
  }

  private static NewCookie cookie(
      HttpServletRequest request, String name, String value, String path, int maxAge) {
    return cookie(request, name, value, path, maxAge, NewCookie.SameSite.STRICT);
  }

  /** An {@code HttpOnly} cookie, {@code Secure} over TLS. */
  static NewCookie cookie(
      HttpServletRequest request,
      String name,
      String value,
      String path,
      int maxAge,
      NewCookie.SameSite sameSite) {
    return new NewCookie.Builder(name)
        .value(value)
        .path(request.getContextPath().isEmpty() ? path : request.getContextPath() + path)
        .maxAge(maxAge)
        .httpOnly(true)
        .secure(overTls(request))
        .sameSite(sameSite)
        .build();
  }

  /** Whether the request came over TLS, directly or through a trusted proxy. */
  static boolean overTls(HttpServletRequest request) {
    return request.isSecure()
        || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"))
            && TrustedProxies.trusts(request.getRemoteAddr());
  }

  static Optional<String> cookie(HttpServletRequest request, String name) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return Optional.empty();
    }
    for (Cookie c : cookies) {
      if (name.equals(c.getName()) && c.getValue() != null && !c.getValue().isEmpty()) {
        return Optional.of(c.getValue());
      }
    }
    return Optional.empty();
  }
}
