package dev.forecourt.sales.api;

import static dev.forecourt.platform.openapi.ApiDocumentFilter.PROBLEMS;
import static dev.forecourt.platform.openapi.ApiDocumentFilter.ROLES;

import dev.forecourt.platform.web.DayRange;
import dev.forecourt.platform.web.QueryParams;
import dev.forecourt.sales.application.Funnel;
import dev.forecourt.sales.application.InterestReport;
import dev.forecourt.sales.application.RevenueLine;
import dev.forecourt.sales.application.SalesReports;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Business figures for dashboards (managers and admins): the lead funnel, revenue and vehicle
 * interest.
 */
@Path("reports")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sales")
public class ReportResource {

  private static final int DEFAULT_LIMIT = 20;
  private static final int MAX_LIMIT = 100;

  @EJB SalesReports reports;

  @GET
  @Path("funnel")
  @Operation(
      summary = "The lead funnel",
      description = "Leads per stage, for one dealership or all the caller may see.")
  @APIResponse(
      responseCode = "200",
      description = "The funnel",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = Funnel.class)))
  @Extension(name = ROLES, value = "manager admin")
  @Extension(name = PROBLEMS, value = "invalid-parameter")
  public Funnel funnel(@QueryParam("dealership") String dealership) {
    return reports.funnel(QueryParams.text(dealership));
  }

  /** Revenue of deals closed from {@code from} to {@code to} (ISO dates, both inclusive, UTC). */
  @GET
  @Path("revenue")
  @Operation(
      summary = "Revenue of closed deals",
      description = "From `from` to `to` (ISO dates, both inclusive, UTC; both required).")
  @APIResponse(
      responseCode = "200",
      description = "Revenue lines",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(type = SchemaType.ARRAY, implementation = RevenueLine.class)))
  @Extension(name = ROLES, value = "manager admin")
  @Extension(name = PROBLEMS, value = "invalid-parameter")
  public List<RevenueLine> revenue(
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("dealership") String dealership) {
    DayRange period = DayRange.of(from, to);
    return reports.revenue(period.from(), period.to(), QueryParams.text(dealership));
  }

  /**
   * Vehicle views (one per visitor per hour) and inquiries (leads naming a vehicle) from {@code
   * from} to {@code to} (ISO dates, both inclusive, UTC): per dealership, and the {@code limit}
   * (1..100, default 20) most viewed vehicles.
   */
  @GET
  @Path("vehicle-interest")
  @Operation(
      summary = "Vehicle interest",
      description =
          "Views (one per visitor per hour) and inquiries from `from` to `to` (ISO dates, inclusive, UTC): per dealership, and the `limit` (1..100, default 20) most viewed vehicles.")
  @APIResponse(
      responseCode = "200",
      description = "The interest report",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = InterestReport.class)))
  @Extension(name = ROLES, value = "manager admin")
  @Extension(name = PROBLEMS, value = "invalid-parameter")
  public InterestReport vehicleInterest(
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("dealership") String dealership,
      @QueryParam("limit") String limit) {
    DayRange period = DayRange.of(from, to);
    return reports.interest(
        period.from(),
        period.to(),
        QueryParams.text(dealership),
        QueryParams.limit(limit, DEFAULT_LIMIT, MAX_LIMIT));
  }
}
