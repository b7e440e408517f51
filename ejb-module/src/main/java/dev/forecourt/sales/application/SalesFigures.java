package dev.forecourt.sales.application;

import dev.forecourt.inventory.domain.VehicleViewRecord;
import dev.forecourt.platform.persistence.Jpql;
import dev.forecourt.sales.domain.DealStatus;
import dev.forecourt.sales.domain.LeadSource;
import dev.forecourt.sales.domain.LeadStatus;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The business figure queries, over the dealerships {@code codes} (null: all) and a period [{@code
 * from}, {@code to}) (null: unbounded). One place for them: {@link SalesReports} answers them to
 * managers and admins after its role and dealership checks, {@link BusinessMetrics} publishes them
 * in {@code /metrics}.
 */
final class SalesFigures {

  private SalesFigures() {}

  /** Leads by stage and the conversion rate. */
  static Funnel funnel(EntityManager em, Set<String> codes) {
    Map<LeadStatus, Long> byStage = new EnumMap<>(LeadStatus.class);
    for (LeadStatus s : LeadStatus.values()) {
      byStage.put(s, 0L);
    }
    long total = 0;
    for (Object[] row :
        new Jpql("select l.status, count(l) from Lead l")
            .and("l.dealership.code in :codes", "codes", codes)
            .groupBy("l.status")
            .query(em, Object[].class)
            .getResultList()) {
      long n = ((Number) row[1]).longValue();
      byStage.put((LeadStatus) row[0], n);
      total += n;
    }
    long decided = byStage.get(LeadStatus.WON) + byStage.get(LeadStatus.LOST);
    Double conversion = decided == 0 ? null : (double) byStage.get(LeadStatus.WON) / decided;
    Map<LeadSource, Long> bySource = new EnumMap<>(LeadSource.class);
    for (LeadSource s : LeadSource.values()) {
      bySource.put(s, 0L);
    }
    for (Object[] row :
        new Jpql("select l.source, count(l) from Lead l")
            .and("l.dealership.code in :codes", "codes", codes)
            .groupBy("l.source")
            .query(em, Object[].class)
            .getResultList()) {
      bySource.put((LeadSource) row[0], ((Number) row[1]).longValue());
    }
    return new Funnel(byStage, bySource, total, conversion);
  }

  /** Closed deals and their revenue, by dealership and currency. */
  static List<RevenueLine> revenue(EntityManager em, Instant from, Instant to, Set<String> codes) {
    return new Jpql(
            "select d.dealership.code, d.price.currency, count(d), sum(d.price.amount) from Deal d")
            .and("d.status = :closed", "closed", DealStatus.CLOSED)
            .and("d.closedAt >= :from", "from", from)
            .and("d.closedAt < :to", "to", to)
            .and("d.dealership.code in :codes", "codes", codes)
            .groupBy("d.dealership.code, d.price.currency")
            .orderBy("d.dealership.code, d.price.currency")
            .query(em, Object[].class)
            .getResultList()
            .stream()
            .map(
                r ->
                    new RevenueLine(
                        (String) r[0],
                        (String) r[1],
                        ((Number) r[2]).longValue(),
                        (BigDecimal) r[3]))
            .toList();
  }

  /**
   * Views (one per visitor per hour) and inquiries (leads naming a vehicle) of the vehicles of each
   * dealership; dealerships with neither are left out.
   */
  static List<DealershipInterest> interestByDealership(
      EntityManager em, Instant from, Instant to, Set<String> codes) {
    Map<String, long[]> byCode = new TreeMap<>();
    for (Object[] row :
        views(from, to, codes, "v.dealership.code")
            .groupBy("v.dealership.code")
            .query(em, Object[].class)
            .getResultList()) {
      byCode.computeIfAbsent((String) row[0], c -> new long[2])[0] = ((Number) row[1]).longValue();
    }
    for (Object[] row :
        inquiries(from, to, codes, "v.dealership.code")
            .groupBy("v.dealership.code")
            .query(em, Object[].class)
            .getResultList()) {
      byCode.computeIfAbsent((String) row[0], c -> new long[2])[1] = ((Number) row[1]).longValue();
    }
    List<DealershipInterest> lines = new ArrayList<>();
    byCode.forEach((code, n) -> lines.add(new DealershipInterest(code, n[0], n[1])));
    return lines;
  }

  /** The {@code limit} most viewed vehicles, with their inquiries. */
  static List<VehicleInterest> mostViewed(
      EntityManager em, Instant from, Instant to, Set<String> codes, int limit) {
    List<Object[]> viewed =
        views(from, to, codes, "v.id, v.dealership.code")
            .groupBy("v.id, v.dealership.code")
            .orderBy("n desc, v.id")
            .query(em, Object[].class)
            .setMaxResults(limit)
            .getResultList();
    if (viewed.isEmpty()) {
      return List.of();
    }
    Map<Long, Long> inquiries = new TreeMap<>();
    for (Object[] row :
        inquiries(from, to, null, "v.id")
            .and(
                "v.id in :ids",
                "ids",
                viewed.stream().map(r -> ((Number) r[0]).longValue()).toList())
            .groupBy("v.id")
            .query(em, Object[].class)
            .getResultList()) {
      inquiries.put(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
    }
    return viewed.stream()
        .map(
            r -> {
              long id = ((Number) r[0]).longValue();
              return new VehicleInterest(
                  id, (String) r[1], ((Number) r[2]).longValue(), inquiries.getOrDefault(id, 0L));
            })
        .toList();
  }

  private static Jpql views(Instant from, Instant to, Set<String> codes, String key) {
    return new Jpql(
            "select " + key + ", count(r.epochHour) as n from VehicleViewRecord r, Vehicle v")
        .and("v.id = r.vehicleId")
        .and(
            "r.epochHour >= :fromHour",
            "fromHour",
            from == null ? null : VehicleViewRecord.hourOf(from))
        .and("r.epochHour < :toHour", "toHour", to == null ? null : VehicleViewRecord.hourOf(to))
        .and("v.dealership.code in :codes", "codes", codes);
  }

  private static Jpql inquiries(Instant from, Instant to, Set<String> codes, String key) {
    return new Jpql("select " + key + ", count(l) from Lead l join l.vehicle v")
        .and("l.createdAt >= :from", "from", from)
        .and("l.createdAt < :to", "to", to)
        .and("v.dealership.code in :codes", "codes", codes);
  }
}
