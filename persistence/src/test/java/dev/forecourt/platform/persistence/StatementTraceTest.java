package dev.forecourt.platform.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StatementTraceTest {

  private final HibernateStatementWatch watch = new HibernateStatementWatch();

  @AfterEach
  void endTrace() {
    StatementTrace.end();
  }

  private void execute(String sql, Duration took) throws InterruptedException {
    watch.inspect(sql);
    watch.jdbcExecuteStatementStart();
    Thread.sleep(took.toMillis());
    watch.jdbcExecuteStatementEnd();
  }

  @Test
  void countsTheStatementsOfTheTraceAndFindsTheOneRepeatedMost() throws InterruptedException {
    StatementTrace.begin(Duration.ofSeconds(10).toNanos());
    execute("select l1_0.id from lead l1_0 where l1_0.dealership=?", Duration.ZERO);
    for (int i = 0; i < 5; i++) {
      execute("select c1_0.id,c1_0.name from customer c1_0 where c1_0.id=?", Duration.ZERO);
    }
    StatementTrace trace = StatementTrace.end();
    assertEquals(6, trace.statements());
    assertEquals(
        new StatementTrace.Repeated(
            "select c1_0.id,c1_0.name from customer c1_0 where c1_0.id=?", 5),
        trace.mostRepeated());
    assertEquals(0, trace.slow().size(), "none slower than 10 s");
    assertEquals("select customer", StatementTrace.kind(trace.mostRepeated().statement()));
  }

  @Test
  void keepsTheStatementsSlowerThanTheThreshold() throws InterruptedException {
    StatementTrace.begin(Duration.ofMillis(20).toNanos());
    execute("select 1", Duration.ZERO);
    execute("update vehicle set price=? where id=?", Duration.ofMillis(40));
    StatementTrace trace = StatementTrace.end();
    assertEquals(1, trace.slow().size());
    assertEquals("update vehicle set price=? where id=?", trace.slow().get(0).statement());
    assertTrue(trace.slow().get(0).nanos() >= Duration.ofMillis(40).toNanos());
    assertEquals("update vehicle", StatementTrace.kind(trace.slow().get(0).statement()));
  }

  @Test
  void aBatchCountsOnceAndIsNamedSo() {
    StatementTrace.begin(0);
    watch.inspect("insert into audit_record (a,b) values (?,?)");
    watch.jdbcExecuteBatchStart();
    watch.jdbcExecuteBatchEnd();
    StatementTrace trace = StatementTrace.end();
    assertEquals(1, trace.statements());
    assertTrue(trace.slow().get(0).statement().startsWith("(a JDBC batch"));
    assertEquals("insert audit_record", StatementTrace.kind(trace.slow().get(0).statement()));
  }

  @Test
  void withoutATraceNothingIsCounted() {
    watch.inspect("select 1");
    watch.jdbcExecuteStatementStart();
    watch.jdbcExecuteStatementEnd();
    assertFalse(StatementTrace.active());
    assertNull(StatementTrace.end());
  }

  @Test
  void aShapeNeverCarriesAQuotedValue() {
    assertEquals(
        "select * from customer where email=? and name=? and id=?",
        StatementTrace.shape(
            "select *\n  from customer where email='jo@example.com' and name='O''Brien' and id=?"));
    assertEquals(401, StatementTrace.shape("x".repeat(1000)).length(), "400 characters and …");
  }
}
