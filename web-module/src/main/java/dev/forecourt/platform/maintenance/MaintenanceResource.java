package dev.forecourt.platform.maintenance;

import static dev.forecourt.platform.openapi.ApiDocumentFilter.PROBLEMS;
import static dev.forecourt.platform.openapi.ApiDocumentFilter.ROLES;

import dev.forecourt.platform.web.Caching;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The maintenance switch (admins): read it; switch it on with {@code
 * {"active":true,"message":"…","retryAfterSeconds":300}} or off with {@code {"active":false}}.
 * Always reachable, also while maintenance is on (see {@link MaintenanceFilter}).
 */
@Path(MaintenanceResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
public class MaintenanceResource {

  static final String PATH = "admin/maintenance";

  @EJB MaintenanceService maintenance;

  @GET
  @Operation(summary = "Read the maintenance switch")
  @APIResponse(
      responseCode = "200",
      description = "The switch",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = MaintenanceStatus.class)))
  @Extension(name = ROLES, value = "admin")
  public Response status() {
    return Response.ok(maintenance.status()).cacheControl(Caching.noStore()).build();
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Switch maintenance mode on or off",
      description =
          "On: `{\"active\":true,\"message\":\"…\",\"retryAfterSeconds\":300}` refuses every write but this one and sign-in with 503 `maintenance`; reads are served. Off: `{\"active\":false}`.")
  @RequestBody(
      required = true,
      description = "The new state",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = MaintenanceSwitch.class)))
  @APIResponse(
      responseCode = "200",
      description = "The switch",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = MaintenanceStatus.class)))
  @Extension(name = ROLES, value = "admin")
  @Extension(name = PROBLEMS, value = "validation-failed")
  public Response change(MaintenanceSwitch body) {
    return Response.ok(maintenance.change(body)).cacheControl(Caching.noStore()).build();
  }
}
