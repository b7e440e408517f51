package dev.forecourt.platform.problem;

import dev.forecourt.platform.observability.CorrelationId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Builds problem responses: status, type, title, detail, the request path and correlation id. */
public final class ProblemResponses {

  public static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");

  private ProblemResponses() {}

  public static Response of(
      HttpServletRequest request, ProblemType type, String detail, List<FieldError> errors) {
    return builder(request, type, ProblemHttp.status(type), detail, errors).build();
  }

  /** The answer to an expected failure, with its {@code Retry-After} when it has one. */
  public static Response of(HttpServletRequest request, ProblemException e) {
    Response.ResponseBuilder b =
        builder(
            request,
            e.type(),
            ProblemHttp.status(e.type()),
            e.getMessage(),
            e.fieldErrors(),
            e.allowed());
    if (e.retryAfterSeconds() != null) {
      b.header("Retry-After", e.retryAfterSeconds());
    }
    if (ProblemHttp.status(e.type()) == 401) {
      b.header("WWW-Authenticate", "Bearer realm=\"forecourt\"");
    }
    return b.build();
  }

  /**
   * The answer to a body that could not be read as JSON of the expected shape (parser details
   * withheld).
   */
  public static Response malformedBody(HttpServletRequest request) {
    return of(
        request,
        ProblemType.MALFORMED_REQUEST,
        "The request body is not valid JSON of the expected shape",
        List.of());
  }

  /** A problem whose status differs from its type's default (e.g. an unusual client error). */
  public static Response.ResponseBuilder builder(
      HttpServletRequest request,
      ProblemType type,
      int status,
      String detail,
      List<FieldError> errors) {
    return builder(request, type, status, detail, errors, null);
  }

  private static Response.ResponseBuilder builder(
      HttpServletRequest request,
      ProblemType type,
      int status,
      String detail,
      List<FieldError> errors,
      List<String> allowed) {
    String correlationId = CorrelationId.of(request);
    Problem problem =
        new Problem(
            ProblemHttp.uri(type),
            type.title(),
            status,
            detail,
            request == null ? null : request.getRequestURI(),
            correlationId,
            errors == null || errors.isEmpty() ? null : errors,
            allowed);
    return Response.status(status)
        .type(PROBLEM_JSON)
        .header(CorrelationId.HEADER, correlationId)
        .entity(problem);
  }
}
