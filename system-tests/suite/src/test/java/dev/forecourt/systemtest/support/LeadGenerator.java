package dev.forecourt.systemtest.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Leads in bulk for the benchmark: one customer per twenty leads, then the leads, each with one
 * set-based insert into the application's database, spread over the dealerships, the four sources
 * and the first three stages of the funnel (NEW, CONTACTED, QUALIFIED: the later ones would need
 * test drives, deals or a reason), created one second apart. Ids above the tables' highest and the
 * sequences' last blocks, the sequences moved past them ({@link GeneratedIds}).
 */
public final class LeadGenerator {

  private LeadGenerator() {}

  /** Inserts {@code leads} leads (and their customers); answers the first lead id. */
  public static long generate(int leads) {
    Instant begin = Instant.now();
    int customers = Math.max(1, leads / 20);
    try (Connection c = ForecourtServer.dataSource().getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      long customerBase = GeneratedIds.base(s, "customer", "customer_seq");
      try (PreparedStatement ps =
          c.prepareStatement(
              """
              insert into customer (id, first_name, last_name, email, phone, consent_marketing,
                                    consent_contact, created_at, updated_at, version)
              select ? + g, 'Generated', 'Customer ' || g, 'generated' || g || '@example.test',
                     null, false, true, now(), now(), 0
              from generate_series(1, ?) g
              """)) {
        ps.setLong(1, customerBase);
        ps.setInt(2, customers);
        ps.executeUpdate();
      }
      GeneratedIds.advance(c, "customer_seq", customerBase + customers);
      long leadBase = GeneratedIds.base(s, "sales_lead", "sales_lead_seq");
      int inserted;
      try (PreparedStatement ps =
          c.prepareStatement(
              """
              insert into sales_lead (id, customer_id, dealership_id, vehicle_id, source, status,
                                      lost_reason, assigned_to, created_at, updated_at, version)
              select ? + g,
                     ? + 1 + g % ?,
                     d.ids[1 + g % cardinality(d.ids)],
                     null,
                     (array['WEBSITE','MARKETPLACE','WALK_IN','PHONE'])[1 + g % 4],
                     (array['NEW','CONTACTED','QUALIFIED'])[1 + (g / 7) % 3],
                     null, null,
                     now() - make_interval(secs => (? - g)),
                     now() - make_interval(secs => (? - g)),
                     0
              from generate_series(1, ?) g,
                   (select array_agg(id order by id) ids from dealership) d
              """)) {
        ps.setLong(1, leadBase);
        ps.setLong(2, customerBase);
        ps.setInt(3, customers);
        ps.setInt(4, leads);
        ps.setInt(5, leads);
        ps.setInt(6, leads);
        inserted = ps.executeUpdate();
      }
      GeneratedIds.advance(c, "sales_lead_seq", leadBase + leads);
      c.commit();
      c.setAutoCommit(true);
      s.execute("analyze customer");
      s.execute("analyze sales_lead");
      if (inserted != leads) {
        throw new IllegalStateException("Generated " + inserted + " leads of " + leads);
      }
      System.out.printf(
          Locale.ROOT,
          "[leads] %d leads (ids %d..%d) and %d customers generated in %d ms%n",
          inserted,
          leadBase + 1,
          leadBase + leads,
          customers,
          Duration.between(begin, Instant.now()).toMillis());
      return leadBase + 1;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot generate " + leads + " leads", e);
    }
  }
}
