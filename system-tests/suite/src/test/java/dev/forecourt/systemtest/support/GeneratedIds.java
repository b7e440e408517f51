package dev.forecourt.systemtest.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Ids for rows the generators insert beside the JPA providers: above the table's highest id and the
 * last block the sequence handed out (the providers use a value v of a sequence with increment 50 =
 * allocationSize as the top of the block v-49..v), and the sequence moved past them after.
 */
final class GeneratedIds {

  private GeneratedIds() {}

  /** Above the table's highest id and the sequence's last block (the table locked meanwhile). */
  static long base(Statement s, String table, String sequence) throws SQLException {
    s.execute("lock table " + table + " in exclusive mode");
    return Math.max(
        single(s, "select coalesce(max(id), 0) from " + table),
        single(s, "select case when is_called then last_value else 0 end from " + sequence));
  }

  /**
   * Moves {@code sequence} (increment 50 = allocationSize) past {@code top}; answers the value it
   * set.
   */
  static long advance(Connection c, String sequence, long top) throws SQLException {
    long value = (top + 49) / 50 * 50;
    try (PreparedStatement ps = c.prepareStatement("select setval(?, ?, true)")) {
      ps.setString(1, sequence);
      ps.setLong(2, value);
      ps.execute();
    }
    return value;
  }

  static long single(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
