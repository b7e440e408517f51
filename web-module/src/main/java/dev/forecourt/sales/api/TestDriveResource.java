package dev.forecourt.sales.api;

import static dev.forecourt.platform.openapi.ApiDocumentFilter.PROBLEMS;
import static dev.forecourt.platform.openapi.ApiDocumentFilter.ROLES;

import dev.forecourt.platform.web.DayRange;
import dev.forecourt.platform.web.QueryParams;
import dev.forecourt.sales.application.TestDriveDraft;
import dev.forecourt.sales.application.TestDriveSearch;
import dev.forecourt.sales.application.TestDriveService;
import dev.forecourt.sales.application.TestDriveView;
import dev.forecourt.sales.domain.TestDriveStatus;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Test drives: booking (409 {@code double-booking} on an overlap), cancelling, a vehicle's bookings
 * and the schedule of the caller's dealerships over a period.
 */
@Path("test-drives")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sales")
public class TestDriveResource {

  private static final int SCHEDULE_MAX_DAYS = 32;
  private static final int SCHEDULE_DEFAULT_LIMIT = 200;
  private static final int SCHEDULE_MAX_LIMIT = 500;

  @EJB TestDriveService testDrives;

  @Context UriInfo uriInfo;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Book a test drive",
      description =
          "409 `double-booking` when the vehicle or the salesperson is already booked at that time.")
  @RequestBody(
      required = true,
      description = "The booking",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = TestDriveDraft.class)))
  @APIResponse(
      responseCode = "201",
      description = "The booking",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = TestDriveView.class)),
      headers =
          @Header(
              name = "Location",
              description = "The URL of the new resource",
              schema = @Schema(type = SchemaType.STRING)))
  @Extension(name = ROLES, value = "sales manager admin")
  @Extension(
      name = PROBLEMS,
      value = "validation-failed not-found double-booking vehicle-unavailable conflict")
  public Response schedule(TestDriveDraft draft) {
    TestDriveView drive = testDrives.schedule(draft);
    return Response.created(
            uriInfo.getAbsolutePathBuilder().path(Long.toString(drive.id())).build())
        .entity(drive)
        .build();
  }

  @POST
  @Path("{id: [0-9]{1,18}}/cancel")
  @Operation(summary = "Cancel a test drive")
  @APIResponse(
      responseCode = "200",
      description = "The booking, cancelled",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = TestDriveView.class)))
  @Extension(name = ROLES, value = "sales manager admin")
  @Extension(name = PROBLEMS, value = "not-found conflict")
  public TestDriveView cancel(@PathParam("id") long id) {
    return testDrives.cancel(id);
  }

  @GET
  @Operation(
      summary = "List test drives",
      description =
          "A vehicle's scheduled test drives (`vehicleId`), or the schedule of the caller's dealerships: the bookings starting from `from` to `to` (ISO dates, both inclusive, UTC; both required without `vehicleId`, less than 32 days apart), optionally of one `dealership` and one `status`, by start, at most `limit` (1..500, default 200).")
  @APIResponse(
      responseCode = "200",
      description = "The bookings",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(type = SchemaType.ARRAY, implementation = TestDriveView.class)))
  @Extension(name = ROLES, value = "sales manager admin")
  @Extension(name = PROBLEMS, value = "invalid-parameter not-found forbidden")
  public List<TestDriveView> list(
      @QueryParam("vehicleId") String vehicleId,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("dealership") String dealership,
      @QueryParam("status") String status,
      @QueryParam("limit") String limit) {
    Long id = QueryParams.parse("vehicleId", vehicleId, Long::valueOf, "must be a vehicle id");
    if (id != null) {
      return testDrives.ofVehicle(id);
    }
    DayRange period = DayRange.of(from, to, SCHEDULE_MAX_DAYS);
    return testDrives.search(
        new TestDriveSearch(
            period.from(),
            period.to(),
            QueryParams.enumValue("status", status, TestDriveStatus.class),
            QueryParams.text(dealership),
            QueryParams.limit(limit, SCHEDULE_DEFAULT_LIMIT, SCHEDULE_MAX_LIMIT)));
  }
}
