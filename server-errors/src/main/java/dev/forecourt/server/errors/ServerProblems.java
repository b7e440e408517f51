package dev.forecourt.server.errors;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answers Forecourt gives for requests the server refuses itself, before the application sees
 * them: an RFC 9457 {@code application/problem+json} body (type, title, status; no detail, so
 * nothing about the server leaks) and the application's security headers.
 *
 * <p>The header values are those of the web module's {@code SecurityHeadersFilter}; the system test
 * {@code ServerLevelErrorsIT} compares them with the application's own answers, so the two cannot
 * drift apart unnoticed.
 */
public final class ServerProblems {

  /** Media type of every problem answer. */
  public static final String PROBLEM_JSON = "application/problem+json";

  private static final String BASE = "https://forecourt.dev/problems/";

  private static final Map<String, String> SECURITY_HEADERS = securityHeaders();

  private ServerProblems() {}

  private static Map<String, String> securityHeaders() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put(
        "Content-Security-Policy",
        "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    h.put("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    h.put("X-Frame-Options", "DENY");
    h.put("X-Content-Type-Options", "nosniff");
    h.put("Referrer-Policy", "no-referrer");
    h.put("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
    h.put("Cross-Origin-Opener-Policy", "same-origin");
    return Collections.unmodifiableMap(h);
  }

  /** The security headers (name to value) every answer carries. */
  public static Map<String, String> headers() {
    return SECURITY_HEADERS;
  }

  /** The problem type URI for a status: the application's slugs where they exist. */
  public static String type(int status) {
    String slug = slug(status);
    return slug == null ? "about:blank" : BASE + slug;
  }

  private static String slug(int status) {
    return switch (status) {
      case 400 -> "bad-request";
      case 401 -> "unauthenticated";
      case 403 -> "forbidden";
      case 404 -> "not-found";
      case 405 -> "method-not-allowed";
      case 413 -> "payload-too-large";
      case 414 -> "uri-too-long";
      case 431 -> "header-fields-too-large";
      case 500 -> "internal-error";
      case 501 -> "not-implemented";
      case 503 -> "service-unavailable";
      case 505 -> "http-version-not-supported";
      default -> null;
    };
  }

  /** A short, fixed title per status (never the server's message, which may echo the request). */
  public static String title(int status) {
    return switch (status) {
      case 400 -> "The request is malformed";
      case 401 -> "Authentication is required";
      case 403 -> "You are not allowed to do this";
      case 404 -> "The resource does not exist";
      case 405 -> "The method is not allowed on this resource";
      case 408 -> "Request Timeout";
      case 413 -> "The request body is too large";
      case 414 -> "The request URI is too long";
      case 415 -> "Unsupported Media Type";
      case 431 -> "The request header fields are too large";
      case 500 -> "An unexpected error occurred";
      case 501 -> "The method is not supported";
      case 503 -> "The service is temporarily unavailable";
      case 505 -> "The HTTP version is not supported";
      default -> status < 500 ? "The request was refused" : "The server could not answer";
    };
  }

  /**
   * The standard reason phrase of a status (never the server's own, which may echo the request).
   */
  public static String reason(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 408 -> "Request Timeout";
      case 413 -> "Content Too Large";
      case 414 -> "URI Too Long";
      case 431 -> "Request Header Fields Too Large";
      case 500 -> "Internal Server Error";
      case 501 -> "Not Implemented";
      case 503 -> "Service Unavailable";
      case 505 -> "HTTP Version Not Supported";
      default -> status < 500 ? "Client Error" : "Server Error";
    };
  }

  /** The problem+json body for a status. */
  public static String json(int status) {
    return "{\"type\":\""
        + type(status)
        + "\",\"title\":\""
        + title(status)
        + "\",\"status\":"
        + status
        + "}";
  }

  public static byte[] jsonBytes(int status) {
    return json(status).getBytes(StandardCharsets.UTF_8);
  }
}
