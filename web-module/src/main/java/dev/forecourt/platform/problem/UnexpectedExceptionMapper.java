package dev.forecourt.platform.problem;

import dev.forecourt.platform.observability.CorrelationId;
import dev.forecourt.platform.persistence.DatabaseUnavailable;
import jakarta.ejb.AccessLocalException;
import jakarta.ejb.EJBAccessException;
import jakarta.persistence.OptimisticLockException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Everything not mapped elsewhere, including exceptions the EJB container wrapped: known causes
 * (validation, optimistic lock, a problem) keep their meaning, the rest is a sanitized 500 whose
 * details go only to the log, under the correlation id.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

  @Context HttpServletRequest request;

  @Override
  public Response toResponse(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof ProblemException problem) {
        return ProblemResponses.of(request, problem);
      }
      if (cause instanceof ConstraintViolationException violation) {
        return ProblemResponses.of(
            request,
            ProblemType.VALIDATION_FAILED,
            "The request has invalid fields",
            ConstraintViolationMapper.fieldErrors(violation));
      }
      if (cause instanceof EJBAccessException || cause instanceof AccessLocalException) {
        return request == null || request.getUserPrincipal() == null
            ? ProblemResponses.of(request, new SignInRequired())
            : ProblemResponses.of(
                request, ProblemType.FORBIDDEN, "Your roles do not allow this", List.of());
      }
      if (cause instanceof OptimisticLockException) {
        return ProblemResponses.of(
            request,
            ProblemType.PRECONDITION_FAILED,
            "The resource was changed by someone else; read it again",
            List.of());
      }
    }
    if (DatabaseUnavailable.isCauseOf(e)) {
      LOG.log(
          Level.WARNING,
          "Database unavailable, correlation id " + CorrelationId.of(request) + ": " + e);
      return ProblemResponses.of(request, DatabaseUnavailable.problem());
    }
    LOG.log(Level.SEVERE, "Unexpected error, correlation id " + CorrelationId.of(request), e);
    return ProblemResponses.of(
        request,
        ProblemType.INTERNAL,
        "An unexpected error occurred; quote the correlation id when reporting it",
        List.of());
  }
}
