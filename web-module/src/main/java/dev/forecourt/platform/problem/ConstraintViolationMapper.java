package dev.forecourt.platform.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Comparator;
import java.util.List;

/** Bean Validation failures on a request body: 422 with one field error per violation. */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

  @Context HttpServletRequest request;

  @Override
  public Response toResponse(ConstraintViolationException e) {
    return ProblemResponses.of(
        request, ProblemType.VALIDATION_FAILED, "The request has invalid fields", fieldErrors(e));
  }

  static List<FieldError> fieldErrors(ConstraintViolationException e) {
    return e.getConstraintViolations().stream()
        .map(v -> new FieldError(field(v), v.getMessage()))
        .sorted(Comparator.comparing(FieldError::field))
        .toList();
  }

  /**
   * The field's name: the last property of the path, or {@code body} when the whole body is
   * missing.
   */
  private static String field(ConstraintViolation<?> violation) {
    String field = "body";
    for (Path.Node node : violation.getPropertyPath()) {
      if (node.getKind() == jakarta.validation.ElementKind.PROPERTY) {
        field = node.getName();
      }
    }
    return field;
  }
}
