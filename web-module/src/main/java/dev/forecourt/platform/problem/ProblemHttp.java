package dev.forecourt.platform.problem;

import java.net.URI;

/**
 * The one place where a kind of failure becomes HTTP: the status and the RFC 9457 type URI of every
 * {@link ProblemType}. The services (ejb module) throw {@link ProblemException}s and their
 * domain-named subclasses ({@code NotFound}, {@code VehicleUnavailable}, {@code
 * IllegalLeadTransition}, {@code DoubleBooking}, ...) that name a kind but no status; the exception
 * mappers and filters of this module answer them through {@link ProblemResponses}, which asks this
 * table. The switch has no default: a new kind does not compile until it has a status here.
 */
public final class ProblemHttp {

  private static final String BASE = "https://forecourt.dev/problems/";

  private ProblemHttp() {}

  /** The HTTP status a problem of this kind is answered with. */
  public static int status(ProblemType type) {
    return switch (type) {
      case MALFORMED_REQUEST, REQUEST_REJECTED, INVALID_RESET_TOKEN, INVALID_PARAMETER -> 400;
      case UNAUTHENTICATED,
          AUTHENTICATION_FAILED,
          LOGIN_LOCKED,
          INVALID_TOKEN,
          INVALID_SIGNATURE,
          TOTP_REQUIRED ->
          401;
      case FORBIDDEN, CLIENT_BLOCKED, CSRF_TOKEN_INVALID -> 403;
      case NOT_FOUND -> 404;
      case METHOD_NOT_ALLOWED -> 405;
      case NOT_ACCEPTABLE -> 406;
      case CONFLICT,
          ILLEGAL_TRANSITION,
          DOUBLE_BOOKING,
          VEHICLE_UNAVAILABLE,
          VEHICLE_HELD,
          IDEMPOTENCY_CONFLICT,
          REPLAYED_MESSAGE,
          DUPLICATE ->
          409;
      case PRECONDITION_FAILED -> 412;
      case PAYLOAD_TOO_LARGE -> 413;
      case UNSUPPORTED_MEDIA_TYPE -> 415;
      case VALIDATION_FAILED, URL_NOT_ALLOWED, IDEMPOTENCY_KEY_REUSED -> 422;
      case PRECONDITION_REQUIRED -> 428;
      case RATE_LIMITED -> 429;
      case INTERNAL -> 500;
      case NOT_IMPLEMENTED -> 501;
      case SERVICE_UNAVAILABLE, MAINTENANCE -> 503;
    };
  }

  /** The problem's {@code type} member, e.g. {@code https://forecourt.dev/problems/not-found}. */
  public static URI uri(ProblemType type) {
    return URI.create(BASE + type.slug());
  }

  /** The problem type a status code stands for when no specific one was raised. */
  public static ProblemType forStatus(int status) {
    return switch (status) {
      case 400 -> ProblemType.MALFORMED_REQUEST;
      case 401 -> ProblemType.UNAUTHENTICATED;
      case 403 -> ProblemType.FORBIDDEN;
      case 404 -> ProblemType.NOT_FOUND;
      case 405 -> ProblemType.METHOD_NOT_ALLOWED;
      case 406 -> ProblemType.NOT_ACCEPTABLE;
      case 409 -> ProblemType.CONFLICT;
      case 412 -> ProblemType.PRECONDITION_FAILED;
      case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
      case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
      case 428 -> ProblemType.PRECONDITION_REQUIRED;
      case 429 -> ProblemType.RATE_LIMITED;
      case 501 -> ProblemType.NOT_IMPLEMENTED;
      case 503 -> ProblemType.SERVICE_UNAVAILABLE;
      default -> status >= 500 ? ProblemType.INTERNAL : ProblemType.MALFORMED_REQUEST;
    };
  }
}
