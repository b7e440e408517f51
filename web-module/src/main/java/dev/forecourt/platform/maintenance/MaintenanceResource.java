package dev.forecourt.platform.maintenance;

import dev.forecourt.platform.web.Caching;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The maintenance switch (admins): read it; switch it on with
 * {@code {"active":true,"message":"…","retryAfterSeconds":300}} or off with {@code {"active":false}}.
 * Always reachable, also while maintenance is on (see {@link MaintenanceFilter}).
 */
@Path(MaintenanceResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public class MaintenanceResource {

  static final String PATH = "admin/maintenance";

  @EJB MaintenanceService maintenance;

  @GET
  public Response status() {
    return Response.ok(maintenance.status()).cacheControl(Caching.noStore()).build();
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  public Response change(MaintenanceSwitch body) {
    return Response.ok(maintenance.change(body)).cacheControl(Caching.noStore()).build();
  }
}
