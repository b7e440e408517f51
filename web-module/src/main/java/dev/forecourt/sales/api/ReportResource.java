package dev.forecourt.sales.api;

import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.web.QueryParams;
import dev.forecourt.sales.application.Funnel;
import dev.forecourt.sales.application.InterestReport;
import dev.forecourt.sales.application.RevenueLine;
import dev.forecourt.sales.application.SalesReports;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** Business figures for dashboards (managers and admins): the lead funnel, revenue and vehicle interest. */
@Path("reports")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ReportResource {

  private static final int DEFAULT_LIMIT = 20;
  private static final int MAX_LIMIT = 100;

  @EJB SalesReports reports;

  @GET
  @Path("funnel")
  public Funnel funnel(@QueryParam("dealership") String dealership) {
    return reports.funnel(QueryParams.text(dealership));
  }

  /** Revenue of deals closed from {@code from} to {@code to} (ISO dates, both inclusive, UTC). */
  @GET
  @Path("revenue")
  public List<RevenueLine> revenue(@QueryParam("from") String from, @QueryParam("to") String to,
      @QueryParam("dealership") String dealership) {
    Period period = Period.of(from, to);
    return reports.revenue(period.from(), period.to(), QueryParams.text(dealership));
  }

  /**
   * Vehicle views (one per visitor per hour) and inquiries (leads naming a vehicle) from {@code from}
   * to {@code to} (ISO dates, both inclusive, UTC): per dealership, and the {@code limit} (1..100,
   * default 20) most viewed vehicles.
   */
  @GET
  @Path("vehicle-interest")
  public InterestReport vehicleInterest(@QueryParam("from") String from, @QueryParam("to") String to,
      @QueryParam("dealership") String dealership, @QueryParam("limit") String limit) {
    Period period = Period.of(from, to);
    return reports.interest(period.from(), period.to(), QueryParams.text(dealership),
        QueryParams.limit(limit, DEFAULT_LIMIT, MAX_LIMIT));
  }

  /** The instants [from, to) of the days {@code from} to {@code to}, both inclusive, UTC; both required. */
  private record Period(Instant from, Instant to) {

    static Period of(String from, String to) {
      LocalDate first = required("from", from);
      LocalDate last = required("to", to);
      if (last.isBefore(first)) {
        throw ProblemException.invalidParameter("to", "must not be before from");
      }
      return new Period(first.atStartOfDay(ZoneOffset.UTC).toInstant(),
          last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }
  }

  private static LocalDate required(String name, String raw) {
    LocalDate date = QueryParams.parse(name, raw, LocalDate::parse, "must be a date such as 2026-01-31");
    if (date == null) {
      throw ProblemException.invalidParameter(name, "is required (a date such as 2026-01-31)");
    }
    return date;
  }
}
