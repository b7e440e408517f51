package dev.forecourt.platform.persistence;

import io.opentelemetry.api.trace.Span;
import org.hibernate.SessionEventListener;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Hibernate ORM's hook of {@link StatementTrace}: as the statement inspector it sees each SQL
 * statement being prepared, as a session event listener it times each execution; and of {@link
 * StatementSpans}: a span per statement while a sampled trace is current. Named in persistence.xml
 * ({@code hibernate.session_factory.statement_inspector}, {@code hibernate.session.events.auto});
 * EclipseLink ignores both.
 */
public class HibernateStatementWatch implements StatementInspector, SessionEventListener {

  private static final long serialVersionUID = 1L;

  private transient long started;
  private transient Span span;

  @Override
  public String inspect(String sql) {
    StatementTrace.prepared(sql);
    StatementSpans.prepared(sql);
    return sql;
  }

  @Override
  public void jdbcExecuteStatementStart() {
    start(false);
  }

  @Override
  public void jdbcExecuteStatementEnd() {
    end(false);
  }

  @Override
  public void jdbcExecuteBatchStart() {
    start(true);
  }

  @Override
  public void jdbcExecuteBatchEnd() {
    end(true);
  }

  private void start(boolean batch) {
    started = StatementTrace.active() ? System.nanoTime() : 0;
    span = StatementSpans.start(batch);
  }

  private void end(boolean batch) {
    if (started != 0) {
      StatementTrace.executed(System.nanoTime() - started, batch);
      started = 0;
    }
    if (span != null) {
      span.end();
      span = null;
    }
  }
}
