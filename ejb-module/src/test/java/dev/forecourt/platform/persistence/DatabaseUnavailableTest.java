package dev.forecourt.platform.persistence;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.EJBException;
import jakarta.persistence.PersistenceException;
import jakarta.resource.ResourceException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import javax.transaction.xa.XAException;
import org.junit.jupiter.api.Test;

/** Which failures are "the database does not answer" (503, retry) and which are bugs (500). */
class DatabaseUnavailableTest {

  private static Throwable wrapped(Throwable cause) {
    // as the EJB container and the JPA provider hand it on
    return new EJBException(new PersistenceException("Unable to acquire JDBC Connection", cause));
  }

  @Test
  void aConnectionThatCannotBeHadIsUnavailability() {
    assertTrue(
        DatabaseUnavailable.isCauseOf(wrapped(new SQLException("Connection refused", "08001"))));
    assertTrue(
        DatabaseUnavailable.isCauseOf(
            wrapped(new SQLException("terminating connection", "57P01"))));
    assertTrue(DatabaseUnavailable.isCauseOf(wrapped(new SQLTransientConnectionException("gone"))));
    assertTrue(
        DatabaseUnavailable.isCauseOf(
            wrapped(
                new SQLException(
                    "jdbc/forecourt is not enabled", new ResourceException("not enabled")))));
  }

  @Test
  void aStatementCutByItsTimeoutIsUnavailability() {
    assertTrue(
        DatabaseUnavailable.isCauseOf(wrapped(new SQLException("canceling statement", "57014"))));
    assertTrue(DatabaseUnavailable.isCauseOf(wrapped(new SQLTimeoutException("timeout"))));
  }

  @Test
  void aCommitTheDatabaseCouldNotDoIsUnavailability() {
    // what Payara's transaction manager throws when PostgreSQL ends the connection at the commit
    XAException rmerr =
        new XAException(
            "jakarta.resource.spi.LocalTransactionException: FATAL: terminating connection due"
                + " to administrator command");
    rmerr.errorCode = XAException.XAER_RMERR;
    jakarta.transaction.SystemException commit = new jakarta.transaction.SystemException();
    commit.initCause(rmerr);
    assertTrue(DatabaseUnavailable.isCauseOf(wrapped(commit)));
    XAException rmfail = new XAException(XAException.XAER_RMFAIL);
    assertTrue(DatabaseUnavailable.isCauseOf(rmfail));
    // a heuristic outcome or a protocol error is not the database being away
    assertFalse(DatabaseUnavailable.isCauseOf(new XAException(XAException.XA_HEURMIX)));
    assertFalse(DatabaseUnavailable.isCauseOf(new XAException(XAException.XAER_PROTO)));
  }

  @Test
  void otherDatabaseErrorsAreNot() {
    assertFalse(DatabaseUnavailable.isCauseOf(wrapped(new SQLException("syntax error", "42601"))));
    assertFalse(DatabaseUnavailable.isCauseOf(wrapped(new SQLException("no state"))));
    assertFalse(DatabaseUnavailable.isCauseOf(new IllegalStateException("bug")));
  }
}
