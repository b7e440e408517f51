package dev.forecourt.platform.problem;

/**
 * Every kind of error Forecourt answers with: its stable name ({@link #slug()}, the last segment of
 * the problem type URI) and title. Clients switch on the type, never on the title or detail text.
 * What a kind is in HTTP (status, type URI) is the web module's to say, in one table ({@code
 * dev.forecourt.platform.problem.ProblemHttp}): no HTTP status in the services.
 */
public enum ProblemType {
  MALFORMED_REQUEST(
      "malformed-request", "The request body is not valid JSON of the expected shape"),
  REQUEST_REJECTED("request-rejected", "The request looks like an attack and was rejected"),
  INVALID_RESET_TOKEN("invalid-reset-token", "The password reset token is not valid"),
  INVALID_PARAMETER("invalid-parameter", "A request parameter is invalid"),
  VALIDATION_FAILED("validation-failed", "The request has invalid fields"),
  URL_NOT_ALLOWED("url-not-allowed", "The URL points to an address Forecourt does not call"),
  IDEMPOTENCY_KEY_REUSED(
      "idempotency-key-reused", "The Idempotency-Key was already used for a different request"),
  UNAUTHENTICATED("unauthenticated", "Authentication is required"),
  AUTHENTICATION_FAILED("authentication-failed", "The credentials are not valid"),
  LOGIN_LOCKED("login-locked", "Too many failed logins: try again later"),
  INVALID_TOKEN("invalid-token", "The token is not valid"),
  INVALID_SIGNATURE("invalid-signature", "The message signature is missing, expired or not valid"),
  TOTP_REQUIRED("totp-required", "A one-time code from the authenticator app is required"),
  FORBIDDEN("forbidden", "You are not allowed to do this"),
  CSRF_TOKEN_INVALID(
      "csrf-token-invalid", "The request lacks the console session's CSRF token (X-CSRF-Token)"),
  CLIENT_BLOCKED("client-blocked", "This address is blocked for a while after repeated attacks"),
  NOT_FOUND("not-found", "The resource does not exist"),
  METHOD_NOT_ALLOWED("method-not-allowed", "The method is not allowed on this resource"),
  NOT_ACCEPTABLE("not-acceptable", "No acceptable representation"),
  CONFLICT("conflict", "The request conflicts with the current state of the resource"),
  ILLEGAL_TRANSITION(
      "illegal-transition", "The lead cannot move to this stage from its current one"),
  DOUBLE_BOOKING("double-booking", "The vehicle or the salesperson is already booked at that time"),
  VEHICLE_UNAVAILABLE("vehicle-unavailable", "The vehicle is not available"),
  VEHICLE_HELD("vehicle-held", "The vehicle is held by an open deal: close or cancel the deal"),
  IDEMPOTENCY_CONFLICT(
      "idempotency-conflict", "A request with this Idempotency-Key is still being processed"),
  REPLAYED_MESSAGE("replayed-message", "A message with this webhook-id was already received"),
  DUPLICATE("duplicate", "The resource already exists"),
  PRECONDITION_FAILED("precondition-failed", "The resource was changed by someone else"),
  PAYLOAD_TOO_LARGE("payload-too-large", "The request body is too large"),
  UNSUPPORTED_MEDIA_TYPE(
      "unsupported-media-type", "The request body has an unsupported media type"),
  PRECONDITION_REQUIRED("precondition-required", "The request must be conditional (If-Match)"),
  RATE_LIMITED("rate-limited", "Too many requests"),
  SERVICE_UNAVAILABLE("service-unavailable", "The service is temporarily unavailable"),
  MAINTENANCE(
      "maintenance", "Forecourt is in maintenance: changes are refused for a while, reads work"),
  NOT_IMPLEMENTED("not-implemented", "The method is not supported"),
  INTERNAL("internal-error", "An unexpected error occurred");

  private final String slug;
  private final String title;

  ProblemType(String slug, String title) {
    this.slug = slug;
    this.title = title;
  }

  /** The last segment of the type URI, e.g. {@code not-found}. */
  public String slug() {
    return slug;
  }

  public String title() {
    return title;
  }
}
