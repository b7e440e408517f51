package dev.forecourt.platform.problem;

import dev.forecourt.platform.observability.CorrelationId;
import jakarta.ejb.AccessLocalException;
import jakarta.ejb.EJBAccessException;
import jakarta.persistence.OptimisticLockException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
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

  private static final int DATABASE_RETRY_AFTER_SECONDS = 10;

  @Context HttpServletRequest request;

  /**
   * Whether the failure is the database (or the server's pool in front of it) not answering: a
   * connection that cannot be had or broke (SQLState class 08, PostgreSQL's 57P0x shut-down states),
   * a statement cut by its timeout (57014, {@link SQLTimeoutException}), or the connector
   * refusing a connection (a disabled or exhausted pool). The transaction was rolled back, so the
   * client may simply retry: 503, not 500.
   */
  static boolean databaseUnavailable(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
          || cause instanceof SQLTimeoutException || cause instanceof jakarta.resource.ResourceException) {
        return true;
      }
      if (cause instanceof SQLException sql && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P")
              || sql.getSQLState().equals("57014"))) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  @Override
  public Response toResponse(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof ProblemException problem) {
        return ProblemResponses.of(request, problem);
      }
      if (cause instanceof ConstraintViolationException violation) {
        return ProblemResponses.of(request, ProblemType.VALIDATION_FAILED, "The request has invalid fields",
            ConstraintViolationMapper.fieldErrors(violation));
      }
      if (cause instanceof EJBAccessException || cause instanceof AccessLocalException) {
        return request == null || request.getUserPrincipal() == null
            ? ProblemResponses.of(request, new ProblemException(ProblemType.UNAUTHENTICATED, "Sign in to do this"))
            : ProblemResponses.of(request, ProblemType.FORBIDDEN, "Your roles do not allow this", List.of());
      }
      if (cause instanceof OptimisticLockException) {
        return ProblemResponses.of(request, ProblemType.PRECONDITION_FAILED,
            "The resource was changed by someone else; read it again", List.of());
      }
    }
    if (databaseUnavailable(e)) {
      LOG.log(Level.WARNING, "Database unavailable, correlation id " + CorrelationId.of(request) + ": " + e);
      return ProblemResponses.of(request, new ProblemException(ProblemType.SERVICE_UNAVAILABLE,
          "The database does not answer; nothing was changed. Try again shortly.")
          .retryAfter(DATABASE_RETRY_AFTER_SECONDS));
    }
    LOG.log(Level.SEVERE, "Unexpected error, correlation id " + CorrelationId.of(request), e);
    return ProblemResponses.of(request, ProblemType.INTERNAL,
        "An unexpected error occurred; quote the correlation id when reporting it", List.of());
  }
}
