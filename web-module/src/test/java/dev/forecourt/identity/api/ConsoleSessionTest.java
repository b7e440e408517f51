package dev.forecourt.identity.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleSessionTest {

  /** A request of {@code method} to {@code uri} with these headers (nothing else answered). */
  static HttpServletRequest request(String method, String uri, Map<String, String> headers) {
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            ConsoleSessionTest.class.getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (proxy, m, args) ->
                switch (m.getName()) {
                  case "getMethod" -> method;
                  case "getRequestURI" -> uri;
                  case "getContextPath" -> "";
                  case "getHeader" -> headers.get((String) args[0]);
                  default -> null;
                });
  }

  @Test
  void theCsrfTokenIsAHashOfTheSessionThatNoOtherSessionShares() {
    String token = ConsoleSession.csrfToken("session-a");
    assertEquals(token, ConsoleSession.csrfToken("session-a"));
    assertNotEquals(token, ConsoleSession.csrfToken("session-b"));
    assertFalse(token.contains("session-a"));
    assertTrue(token.matches("[A-Za-z0-9_-]{43}"), token);
  }

  @Test
  void aChangeNeedsTheTokenAReadDoesNot() {
    String token = ConsoleSession.csrfToken("s");
    for (String method : new String[] {"POST", "PUT", "PATCH", "DELETE"}) {
      assertFalse(
          ConsoleSession.csrfSatisfied(request(method, "/api/v1/leads", Map.of()), "s"), method);
      assertFalse(
          ConsoleSession.csrfSatisfied(
              request(method, "/api/v1/leads", Map.of("X-CSRF-Token", token + "x")), "s"),
          method);
      assertFalse(
          ConsoleSession.csrfSatisfied(
              request(method, "/api/v1/leads", Map.of("X-CSRF-Token", token)), "other session"),
          method);
      assertTrue(
          ConsoleSession.csrfSatisfied(
              request(method, "/api/v1/leads", Map.of("X-CSRF-Token", token)), "s"),
          method);
    }
    for (String method : new String[] {"GET", "HEAD", "OPTIONS"}) {
      assertTrue(
          ConsoleSession.csrfSatisfied(request(method, "/api/v1/leads", Map.of()), "s"), method);
    }
  }

  @Test
  void theSessionAndSignOnResourcesReadTheirCookiesThemselves() {
    assertTrue(ConsoleSession.isSignIn(request("POST", "/api/v1/auth/session", Map.of())));
    assertFalse(ConsoleSession.isSignIn(request("GET", "/api/v1/auth/session", Map.of())));
    assertTrue(ConsoleSession.isResume(request("GET", "/api/v1/auth/session", Map.of())));
    assertTrue(ConsoleSession.managesItself(request("DELETE", "/api/v1/auth/session", Map.of())));
    assertTrue(
        ConsoleSession.managesItself(request("POST", "/api/v1/auth/session/refresh", Map.of())));
    assertTrue(ConsoleSession.managesItself(request("GET", "/api/v1/auth/sso/callback", Map.of())));
    assertFalse(ConsoleSession.managesItself(request("GET", "/api/v1/auth/session", Map.of())));
    assertFalse(ConsoleSession.managesItself(request("PUT", "/api/v1/admin/settings/x", Map.of())));
    assertFalse(ConsoleSession.managesItself(request("GET", "/api/v1/auth/sessions", Map.of())));
  }
}
