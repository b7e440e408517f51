package dev.forecourt.platform.security;

import static dev.forecourt.platform.openapi.ApiDocumentFilter.PROBLEMS;
import static dev.forecourt.platform.openapi.ApiDocumentFilter.ROLES;

import jakarta.ejb.EJB;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Client addresses blocked by the intrusion detection (admins): list, unblock. */
@Path("/admin/security/blocked-clients")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
public class BlockedClientResource {

  @EJB IntrusionLedger ledger;

  @GET
  @Operation(
      summary = "List the blocked client addresses",
      description = "Addresses the intrusion detection blocks for a while after repeated attacks.")
  @APIResponse(
      responseCode = "200",
      description = "The blocked clients",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(type = SchemaType.ARRAY, implementation = BlockedClient.class)))
  @Extension(name = ROLES, value = "admin")
  public List<BlockedClient> list() {
    return ledger.list();
  }

  @DELETE
  @Path("{address: [0-9A-Fa-f.:]{2,45}}")
  @Operation(summary = "Unblock a client address")
  @APIResponse(responseCode = "204", description = "Unblocked")
  @Extension(name = ROLES, value = "admin")
  @Extension(name = PROBLEMS, value = "not-found")
  public Response unblock(@PathParam("address") String address) {
    ledger.unblock(address);
    return Response.noContent().build();
  }
}
