package dev.forecourt.sales.api;

import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.web.QueryParams;
import dev.forecourt.sales.application.Funnel;
import dev.forecourt.sales.application.RevenueLine;
import dev.forecourt.sales.application.SalesReports;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** Business figures for dashboards (managers and admins): the lead funnel and revenue. */
@Path("reports")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ReportResource {

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
    LocalDate first = required("from", from);
    LocalDate last = required("to", to);
    if (last.isBefore(first)) {
      throw ProblemException.invalidParameter("to", "must not be before from");
    }
    return reports.revenue(first.atStartOfDay(ZoneOffset.UTC).toInstant(),
        last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), QueryParams.text(dealership));
  }

  private static LocalDate required(String name, String raw) {
    LocalDate date = QueryParams.parse(name, raw, LocalDate::parse, "must be a date such as 2026-01-31");
    if (date == null) {
      throw ProblemException.invalidParameter(name, "is required (a date such as 2026-01-31)");
    }
    return date;
  }
}
