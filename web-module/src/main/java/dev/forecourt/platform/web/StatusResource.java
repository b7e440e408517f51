package dev.forecourt.platform.web;

import static dev.forecourt.platform.openapi.ApiDocumentFilter.ROLES;

import dev.forecourt.platform.status.ApplicationStatus;
import dev.forecourt.platform.status.StatusService;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The node that answers: release, node name, uptime and cluster members (admins). */
@Path("status")
@Tag(name = "admin")
public class StatusResource {

  @EJB StatusService status;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Status of the answering node",
      description =
          "The release version this node runs, the node's name, when the application started there"
              + " and its uptime (ISO-8601), and the cluster members it sees (itself alone when not"
              + " clustered). Behind a load balancer each call may be answered by another node.")
  @APIResponse(
      responseCode = "200",
      description = "The status",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ApplicationStatus.class)))
  @Extension(name = ROLES, value = "admin")
  public Response status() {
    return Response.ok(status.status()).cacheControl(Caching.noStore()).build();
  }
}
