package dev.forecourt.platform.problem;

import java.net.URI;

/**
 * Every kind of error Forecourt answers with, its HTTP status and its stable type URI. Clients
 * switch on the type, never on the title or detail text.
 */
public enum ProblemType {
  MALFORMED_REQUEST(400, "malformed-request", "The request body is not valid JSON of the expected shape"),
  REQUEST_REJECTED(400, "request-rejected", "The request looks like an attack and was rejected"),
  INVALID_RESET_TOKEN(400, "invalid-reset-token", "The password reset token is not valid"),
  INVALID_PARAMETER(400, "invalid-parameter", "A request parameter is invalid"),
  VALIDATION_FAILED(422, "validation-failed", "The request has invalid fields"),
  IDEMPOTENCY_KEY_REUSED(422, "idempotency-key-reused", "The Idempotency-Key was already used for a different request"),
  UNAUTHENTICATED(401, "unauthenticated", "Authentication is required"),
  AUTHENTICATION_FAILED(401, "authentication-failed", "The credentials are not valid"),
  LOGIN_LOCKED(401, "login-locked", "Too many failed logins: try again later"),
  INVALID_TOKEN(401, "invalid-token", "The token is not valid"),
  INVALID_SIGNATURE(401, "invalid-signature", "The message signature is missing, expired or not valid"),
  TOTP_REQUIRED(401, "totp-required", "A one-time code from the authenticator app is required"),
  FORBIDDEN(403, "forbidden", "You are not allowed to do this"),
  CLIENT_BLOCKED(403, "client-blocked", "This address is blocked for a while after repeated attacks"),
  NOT_FOUND(404, "not-found", "The resource does not exist"),
  METHOD_NOT_ALLOWED(405, "method-not-allowed", "The method is not allowed on this resource"),
  NOT_ACCEPTABLE(406, "not-acceptable", "No acceptable representation"),
  CONFLICT(409, "conflict", "The request conflicts with the current state of the resource"),
  ILLEGAL_TRANSITION(409, "illegal-transition", "The lead cannot move to this stage from its current one"),
  DOUBLE_BOOKING(409, "double-booking", "The vehicle or the salesperson is already booked at that time"),
  VEHICLE_UNAVAILABLE(409, "vehicle-unavailable", "The vehicle is not available"),
  VEHICLE_HELD(409, "vehicle-held", "The vehicle is held by an open deal: close or cancel the deal"),
  IDEMPOTENCY_CONFLICT(409, "idempotency-conflict", "A request with this Idempotency-Key is still being processed"),
  REPLAYED_MESSAGE(409, "replayed-message", "A message with this webhook-id was already received"),
  DUPLICATE(409, "duplicate", "The resource already exists"),
  PRECONDITION_FAILED(412, "precondition-failed", "The resource was changed by someone else"),
  PAYLOAD_TOO_LARGE(413, "payload-too-large", "The request body is too large"),
  UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "The request body has an unsupported media type"),
  PRECONDITION_REQUIRED(428, "precondition-required", "The request must be conditional (If-Match)"),
  RATE_LIMITED(429, "rate-limited", "Too many requests"),
  SERVICE_UNAVAILABLE(503, "service-unavailable", "The service is temporarily unavailable"),
  MAINTENANCE(503, "maintenance", "Forecourt is in maintenance: changes are refused for a while, reads work"),
  INTERNAL(500, "internal-error", "An unexpected error occurred");

  private static final String BASE = "https://forecourt.dev/problems/";

  private final int status;
  private final String slug;
  private final String title;

  ProblemType(int status, String slug, String title) {
    this.status = status;
    this.slug = slug;
    this.title = title;
  }

  public int status() {
    return status;
  }

  /** The last segment of the type URI, e.g. {@code not-found}. */
  public String slug() {
    return slug;
  }

  public URI type() {
    return URI.create(BASE + slug);
  }

  public String title() {
    return title;
  }

  /** The problem type a status code stands for when no specific one was raised. */
  public static ProblemType forStatus(int status) {
    return switch (status) {
      case 400 -> MALFORMED_REQUEST;
      case 401 -> UNAUTHENTICATED;
      case 403 -> FORBIDDEN;
      case 404 -> NOT_FOUND;
      case 405 -> METHOD_NOT_ALLOWED;
      case 406 -> NOT_ACCEPTABLE;
      case 409 -> CONFLICT;
      case 412 -> PRECONDITION_FAILED;
      case 413 -> PAYLOAD_TOO_LARGE;
      case 415 -> UNSUPPORTED_MEDIA_TYPE;
      case 428 -> PRECONDITION_REQUIRED;
      case 429 -> RATE_LIMITED;
      case 503 -> SERVICE_UNAVAILABLE;
      default -> status >= 500 ? INTERNAL : MALFORMED_REQUEST;
    };
  }
}
