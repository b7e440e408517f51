package dev.forecourt.platform.persistence;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import javax.transaction.xa.XAException;

/**
 * Recognizes "the database does not answer" — as opposed to a bug — and the answer a client gets
 * for it: 503 {@code service-unavailable} with {@code Retry-After}. The transaction was rolled
 * back, so the client may simply retry.
 */
public final class DatabaseUnavailable {

  /** What a client is told to wait before retrying. */
  public static final long RETRY_AFTER_SECONDS = 10;

  private DatabaseUnavailable() {}

  /**
   * True when {@code e} or one of its causes says that the database (or the server's pool in front
   * of it) does not answer: a connection that cannot be had or broke (SQLState class 08,
   * PostgreSQL's 57P0x shut-down states), a statement cut by its timeout (57014, {@link
   * SQLTimeoutException}), the connector refusing a connection (a disabled or exhausted pool), or a
   * commit that the database could not do (an {@link XAException} of the resource manager: the
   * transaction is not committed, and a retry with the same Idempotency-Key is safe).
   */
  public static boolean isCauseOf(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLTransientConnectionException
          || cause instanceof SQLNonTransientConnectionException
          || cause instanceof SQLTimeoutException
          || cause instanceof jakarta.resource.ResourceException) {
        return true;
      }
      if (cause instanceof SQLException sql
          && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("08")
              || sql.getSQLState().startsWith("57P")
              || sql.getSQLState().equals("57014"))) {
        return true;
      }
      // the commit itself failed in the database: Payara's connector reports the broken
      // connection as a resource-manager error, with the exception's text but not as its cause
      if (cause instanceof XAException xa
          && (xa.errorCode == XAException.XAER_RMERR || xa.errorCode == XAException.XAER_RMFAIL)) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  /** The problem a request that needed the database is answered with. */
  public static DatabaseNotAnswering problem() {
    return new DatabaseNotAnswering();
  }
}
