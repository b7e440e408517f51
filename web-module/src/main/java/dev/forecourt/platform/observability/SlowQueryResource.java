package dev.forecourt.platform.observability;

import static dev.forecourt.platform.openapi.ApiDocumentFilter.ROLES;

import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The database statements of API requests that were slow or too many, on this node (admins). */
@Path("/admin/slow-queries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
public class SlowQueryResource {

  @EJB SlowQueryReport report;

  @GET
  @Operation(
      summary = "Slow statements and statement-heavy requests of this node",
      description =
          "The latest 50 statements of API requests slower than `forecourt.db.slow-statement`, and the latest 50 requests that sent more statements than `forecourt.db.statements-per-request` (N+1 suspects) with the statement they repeated most; newest first, each with the endpoint template, the statement's shape (placeholders, never values) and the request's correlation id. Each node lists its own; the counts of every node are in `/metrics` (`forecourt_db_*`).")
  @APIResponse(
      responseCode = "200",
      description = "The listing",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = SlowQueries.Listing.class)))
  @Extension(name = ROLES, value = "admin")
  public SlowQueries.Listing listing() {
    return report.listing();
  }
}
