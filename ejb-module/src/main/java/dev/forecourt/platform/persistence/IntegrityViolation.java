package dev.forecourt.platform.persistence;

import java.sql.SQLException;

/**
 * Recognizes a refused write: SQLState class 23, integrity constraint violation, on every database.
 */
public final class IntegrityViolation {

  private IntegrityViolation() {}

  /**
   * True when {@code e} or one of its causes is an integrity constraint violation (unique, foreign
   * key).
   */
  public static boolean isCauseOf(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("23")) {
        return true;
      }
    }
    return false;
  }
}
