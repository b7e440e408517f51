package dev.forecourt.sales.api;

import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.web.QueryParams;
import dev.forecourt.sales.application.TestDriveDraft;
import dev.forecourt.sales.application.TestDriveService;
import dev.forecourt.sales.application.TestDriveView;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
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

/** Test drives: booking (409 {@code double-booking} on an overlap), cancelling, a vehicle's bookings. */
@Path("test-drives")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TestDriveResource {

  @EJB TestDriveService testDrives;

  @Context UriInfo uriInfo;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response schedule(TestDriveDraft draft) {
    TestDriveView drive = testDrives.schedule(draft);
    return Response.created(uriInfo.getAbsolutePathBuilder().path(Long.toString(drive.id())).build())
        .entity(drive).build();
  }

  @POST
  @Path("{id: [0-9]{1,18}}/cancel")
  public TestDriveView cancel(@PathParam("id") long id) {
    return testDrives.cancel(id);
  }

  @GET
  public List<TestDriveView> ofVehicle(@QueryParam("vehicleId") String vehicleId) {
    Long id = QueryParams.parse("vehicleId", vehicleId, Long::valueOf, "must be a vehicle id");
    if (id == null) {
      throw ProblemException.invalidParameter("vehicleId", "is required");
    }
    return testDrives.ofVehicle(id);
  }
}
