package dev.forecourt.platform.problem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.EJBException;
import jakarta.persistence.PersistenceException;
import jakarta.resource.ResourceException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** Which failures are "the database does not answer" (503, retry) and which are bugs (500). */
class DatabaseUnavailableTest {

  private static Throwable wrapped(Throwable cause) {
    // as the EJB container and the JPA provider hand it on
    return new EJBException(new PersistenceException("Unable to acquire JDBC Connection", cause));
  }

  @Test
  void aConnectionThatCannotBeHadIsUnavailability() {
    assertTrue(UnexpectedExceptionMapper.databaseUnavailable(wrapped(new SQLException("Connection refused", "08001"))));
    assertTrue(UnexpectedExceptionMapper.databaseUnavailable(wrapped(new SQLException("terminating connection", "57P01"))));
    assertTrue(UnexpectedExceptionMapper.databaseUnavailable(wrapped(new SQLTransientConnectionException("gone"))));
    assertTrue(UnexpectedExceptionMapper.databaseUnavailable(
        wrapped(new SQLException("jdbc/forecourt is not enabled", new ResourceException("not enabled")))));
  }

  @Test
  void aStatementCutByItsTimeoutIsUnavailability() {
    assertTrue(UnexpectedExceptionMapper.databaseUnavailable(wrapped(new SQLException("canceling statement", "57014"))));
    assertTrue(UnexpectedExceptionMapper.databaseUnavailable(wrapped(new SQLTimeoutException("timeout"))));
  }

  @Test
  void otherDatabaseErrorsAreNot() {
    assertFalse(UnexpectedExceptionMapper.databaseUnavailable(wrapped(new SQLException("syntax error", "42601"))));
    assertFalse(UnexpectedExceptionMapper.databaseUnavailable(wrapped(new SQLException("no state"))));
    assertFalse(UnexpectedExceptionMapper.databaseUnavailable(new IllegalStateException("bug")));
  }
}
