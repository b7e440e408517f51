package dev.forecourt.sales.application;

import dev.forecourt.platform.config.Setting;
import dev.forecourt.platform.metrics.Meters;
import dev.forecourt.sales.domain.LeadStatus;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The business figures of the whole group as application gauges in {@code /metrics}: {@code
 * forecourt_leads{stage}}, {@code forecourt_lead_conversion_ratio} (won / (won + lost), NaN while
 * none is decided), {@code forecourt_revenue{currency}} and {@code
 * forecourt_deals_closed{currency}} (closed deals, all time), {@code forecourt_vehicle_views} (one
 * per visitor per hour) and {@code forecourt_vehicle_inquiries} (leads naming a vehicle). The
 * figures come from {@link SalesFigures} and are kept for {@code
 * forecourt.metrics.business.refresh} (PT30S), so a scrape queries the database at most once per
 * period, however many gauges and scrapers there are.
 */
@Singleton
@Startup
@PermitAll
public class BusinessMetrics {

  /** How long the figures are kept before a scrape reads them again. */
  private static final Logger LOG = Logger.getLogger(BusinessMetrics.class.getName());

  /** The figures at one moment (public: the container's proxy of this bean returns it). */
  public record Figures(
      Funnel funnel,
      Map<String, BigDecimal> revenue,
      Map<String, Long> closedDeals,
      long views,
      long inquiries) {}

  @PersistenceContext(unitName = "forecourt")
  EntityManager em;

  @Inject Meters meters;

  @Resource SessionContext context;

  /** This bean through the container: gauges read under its lock and in a transaction. */
  private BusinessMetrics self;

  private Figures figures;
  private Instant takenAt;
  private final Set<String> currencies = new HashSet<>();

  @PostConstruct
  void register() {
    self = context.getBusinessObject(BusinessMetrics.class);
    for (LeadStatus stage : LeadStatus.values()) {
      gauge(
          "forecourt_leads",
          "Leads by funnel stage",
          f -> f.funnel().leadsByStage().get(stage),
          Meters.tag("stage", stage.name()));
    }
    gauge(
        "forecourt_lead_conversion_ratio",
        "Won / (won + lost) leads; NaN while none is decided",
        f -> f.funnel().conversionRate() == null ? Double.NaN : f.funnel().conversionRate());
    gauge("forecourt_vehicle_views", "Vehicle views, one per visitor per hour", Figures::views);
    gauge(
        "forecourt_vehicle_inquiries",
        "Vehicle inquiries: leads naming a vehicle",
        Figures::inquiries);
  }

  /** The figures, read again when older than the refresh period. */
  public Figures figures() {
    Instant now = Instant.now();
    if (figures == null || !now.isBefore(takenAt.plus(refresh()))) {
      Map<String, BigDecimal> revenue = new TreeMap<>();
      Map<String, Long> closed = new TreeMap<>();
      for (RevenueLine line : SalesFigures.revenue(em, null, null, null)) {
        revenue.merge(line.currency(), line.revenue(), BigDecimal::add);
        closed.merge(line.currency(), line.deals(), Long::sum);
      }
      List<DealershipInterest> interest = SalesFigures.interestByDealership(em, null, null, null);
      figures =
          new Figures(
              SalesFigures.funnel(em, null),
              revenue,
              closed,
              interest.stream().mapToLong(DealershipInterest::views).sum(),
              interest.stream().mapToLong(DealershipInterest::inquiries).sum());
      takenAt = now;
      for (String currency : revenue.keySet()) {
        if (currencies.add(currency)) {
          Meters.Tag tag = Meters.tag("currency", currency);
          gauge(
              "forecourt_revenue",
              "Revenue of closed deals, by currency",
              f -> f.revenue().getOrDefault(currency, BigDecimal.ZERO).doubleValue(),
              tag);
          gauge(
              "forecourt_deals_closed",
              "Closed deals, by currency",
              f -> f.closedDeals().getOrDefault(currency, 0L),
              tag);
        }
      }
    }
    return figures;
  }

  /** {@code forecourt.metrics.business.refresh}: an ISO-8601 duration, zero or more (PT30S). */
  public static Duration refresh() {
    Setting<Duration> refresh = BusinessMetricsSettings.REFRESH;
    try {
      Duration d = refresh.get();
      return d.isNegative() ? Duration.parse(refresh.defaultValue()) : d;
    } catch (RuntimeException e) { // a bad value set at runtime: the default until it is fixed
      return Duration.parse(refresh.defaultValue());
    }
  }

  /** A gauge reading one figure; NaN (and a log line) when the figures cannot be read. */
  private void gauge(
      String name, String description, Function<Figures, Number> figure, Meters.Tag... tags) {
    Supplier<Double> value =
        () -> {
          try {
            return figure.apply(self.figures()).doubleValue();
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Business figure " + name + " could not be read: " + e);
            return Double.NaN;
          }
        };
    meters.gauge(name, description, value, tags);
  }
}
