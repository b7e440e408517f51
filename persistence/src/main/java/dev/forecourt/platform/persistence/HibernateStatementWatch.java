package dev.forecourt.platform.persistence;

import org.hibernate.SessionEventListener;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Hibernate ORM's hook of {@link StatementTrace}: as the statement inspector it sees each SQL
 * statement being prepared, as a session event listener it times each execution. Named in
 * persistence.xml ({@code hibernate.session_factory.statement_inspector}, {@code
 * hibernate.session.events.auto}); EclipseLink ignores both.
 */
public class HibernateStatementWatch implements StatementInspector, SessionEventListener {

  private static final long serialVersionUID = 1L;

  private transient long started;

  @Override
  public String inspect(String sql) {
    StatementTrace.prepared(sql);
    return sql;
  }

  @Override
  public void jdbcExecuteStatementStart() {
    started = StatementTrace.active() ? System.nanoTime() : 0;
  }

  @Override
  public void jdbcExecuteStatementEnd() {
    if (started != 0) {
      StatementTrace.executed(System.nanoTime() - started, false);
      started = 0;
    }
  }

  @Override
  public void jdbcExecuteBatchStart() {
    jdbcExecuteStatementStart();
  }

  @Override
  public void jdbcExecuteBatchEnd() {
    if (started != 0) {
      StatementTrace.executed(System.nanoTime() - started, true);
      started = 0;
    }
  }
}
