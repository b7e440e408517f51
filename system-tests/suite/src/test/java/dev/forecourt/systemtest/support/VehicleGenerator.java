package dev.forecourt.systemtest.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Vehicles in bulk for the benchmark and for tests that need a catalogue of a realistic size: one
 * set-based insert into the application's database (the JPA providers' caches do not know them:
 * invalidate the response cache's {@code vehicles} tag when a server has already answered lists),
 * ten makes and models, seven colours, prices and mileages spread evenly, one in twenty SOLD and
 * one in twenty RESERVED, spread over the dealerships, created one minute apart.
 */
public final class VehicleGenerator {

  private static final String[] MAKES = {
    "Volkswagen",
    "Volkswagen",
    "Toyota",
    "Toyota",
    "BMW",
    "Mercedes-Benz",
    "Ford",
    "Skoda",
    "Tesla",
    "Renault"
  };
  private static final String[] MODELS = {
    "Golf", "ID.4", "Corolla", "RAV4", "320d", "C 200", "Focus", "Octavia", "Model 3", "Clio"
  };
  private static final String[] TRIMS = {
    "Life",
    "Pro",
    "Hybrid",
    "Adventure",
    "M Sport",
    "Avantgarde",
    "Titanium",
    "Style",
    "Long Range",
    "Techno"
  };

  private VehicleGenerator() {}

  /**
   * Inserts {@code vehicles} vehicles, their VINs starting with {@code vinPrefix}, with one
   * set-based statement, with ids above both the highest id in the table and the last block handed
   * out by vehicle_seq; then moves vehicle_seq past them (the providers use a value v of the
   * sequence, increment 50 = allocationSize, as the top of the block v-49..v, so the next block
   * starts above the generated ids). Returns the first generated id; the ids are contiguous.
   */
  public static long generate(int vehicles, String vinPrefix) {
    Instant begin = Instant.now();
    try (Connection c = ForecourtServer.dataSource().getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      long base = GeneratedIds.base(s, "vehicle", "vehicle_seq");
      long dealerships = GeneratedIds.single(s, "select count(*) from dealership");
      if (dealerships == 0) {
        throw new IllegalStateException(
            "No dealership in the database: the generator needs the demo "
                + "dealerships (FORECOURT_DEMO_DATA=true, FORECOURT_DEMO_VEHICLES=0)");
      }
      String sql =
          """
          insert into vehicle (id, vin, make, model, trim_level, model_year, colour, mileage,
                               price_amount, price_currency, status, dealership_id,
                               created_at, updated_at, version)
          select ? + g,
                 ? || lpad(g::text, 17 - length(?), '0'),
                 (?::text[])[1 + g % 10],
                 (?::text[])[1 + g % 10],
                 (?::text[])[1 + g % 10],
                 2016 + (g * 7) % 10,
                 (array['black','white','silver','grey','blue','red','green'])[1 + (g / 10) % 7],
                 (g::bigint * 7919) % 180000,
                 12000 + (g::bigint * 104729) % 48000,
                 'EUR',
                 case g % 20 when 0 then 'SOLD' when 1 then 'RESERVED' else 'AVAILABLE' end,
                 d.ids[1 + g % cardinality(d.ids)],
                 now() - make_interval(secs => (? - g) * 60),
                 now() - make_interval(secs => (? - g) * 60),
                 0
          from generate_series(1, ?) g,
               (select array_agg(id order by id) ids from dealership) d
          """;
      int inserted;
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setLong(1, base);
        ps.setString(2, vinPrefix);
        ps.setString(3, vinPrefix);
        ps.setArray(4, c.createArrayOf("text", MAKES));
        ps.setArray(5, c.createArrayOf("text", MODELS));
        ps.setArray(6, c.createArrayOf("text", TRIMS));
        ps.setInt(7, vehicles);
        ps.setInt(8, vehicles);
        ps.setInt(9, vehicles);
        inserted = ps.executeUpdate();
      }
      long top = base + vehicles;
      long seq = GeneratedIds.advance(c, "vehicle_seq", top);
      c.commit();
      c.setAutoCommit(true);
      s.execute("analyze vehicle");
      long total = GeneratedIds.single(s, "select count(*) from vehicle");
      if (inserted != vehicles || total < vehicles) {
        throw new IllegalStateException(
            "Generated " + inserted + " vehicles, table holds " + total);
      }
      System.out.printf(
          Locale.ROOT,
          "[vehicles] %d vehicles generated (ids %d..%d, vehicle_seq at %d, "
              + "%d in the table) in %d ms%n",
          inserted,
          base + 1,
          top,
          seq,
          total,
          Duration.between(begin, Instant.now()).toMillis());
      return base + 1;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot generate " + vehicles + " vehicles", e);
    }
  }
}
