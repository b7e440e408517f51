package dev.forecourt.platform.problem;

import dev.forecourt.platform.observability.CorrelationId;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Builds problem responses: status, type, title, detail, the request path and correlation id. */
public final class ProblemResponses {

  public static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");

  private static final Jsonb JSON = JsonbBuilder.create();

  private ProblemResponses() {}

  /**
   * Writes a problem straight to a servlet response, for the answers given outside JAX-RS (a
   * servlet filter, the error page): {@code instance} is the request path to show, or null to show
   * none.
   */
  public static void write(
      HttpServletRequest request,
      HttpServletResponse response,
      ProblemType type,
      int status,
      String detail,
      String instance)
      throws IOException {
    String correlationId = CorrelationId.of(request);
    Problem problem = problem(type, status, detail, instance, correlationId, null, null);
    byte[] body = JSON.toJson(problem).getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setHeader(CorrelationId.HEADER, correlationId);
    response.setContentType(PROBLEM_JSON.toString());
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

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
        problem(
            type,
            status,
            detail,
            request == null ? null : request.getRequestURI(),
            correlationId,
            errors,
            allowed);
    return Response.status(status)
        .type(PROBLEM_JSON)
        .header(CorrelationId.HEADER, correlationId)
        .entity(problem);
  }

  private static Problem problem(
      ProblemType type,
      int status,
      String detail,
      String instance,
      String correlationId,
      List<FieldError> errors,
      List<String> allowed) {
    return new Problem(
        ProblemHttp.uri(type),
        type.title(),
        status,
        detail,
        instance,
        correlationId,
        errors == null || errors.isEmpty() ? null : errors,
        allowed);
  }
}
