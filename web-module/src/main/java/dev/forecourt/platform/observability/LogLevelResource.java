package dev.forecourt.platform.observability;

import static dev.forecourt.platform.openapi.ApiDocumentFilter.PROBLEMS;
import static dev.forecourt.platform.openapi.ApiDocumentFilter.ROLES;

import dev.forecourt.platform.observability.LogLevels.LogLevelView;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The application's log levels at runtime (admins): list them, set one for a logger and its
 * children on every node, remove it again. Audited.
 */
@Path("/admin/log-levels")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
public class LogLevelResource {

  /** The body of a change: a java.util.logging level name. */
  public record LogLevelChange(String level) {}

  @EJB LogLevels levels;

  @GET
  @Operation(
      summary = "The application's log levels",
      description =
          "`dev.forecourt` and every logger with a level set through this API: the level set (`level`, null: none), the level in effect on this node (`effective`), who set it and when.")
  @APIResponse(
      responseCode = "200",
      description = "The levels",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(type = SchemaType.ARRAY, implementation = LogLevelView.class)))
  @Extension(name = ROLES, value = "admin")
  public List<LogLevelView> list() {
    return levels.list();
  }

  @PUT
  @Path("{logger}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Set a logger's level on every node",
      description =
          "`{\"level\":\"FINE\"}` for `dev.forecourt` or a logger below it (e.g. `dev.forecourt.sales`); levels: OFF, SEVERE, WARNING, INFO, CONFIG, FINE, FINER, FINEST, ALL. This node applies it at once, the others within 5 s; it holds across restarts until removed. Audited.")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = LogLevelChange.class)))
  @APIResponse(
      responseCode = "200",
      description = "The level set",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = LogLevelView.class)))
  @Extension(name = ROLES, value = "admin")
  @Extension(name = PROBLEMS, value = "invalid-parameter validation-failed")
  public LogLevelView set(@PathParam("logger") String logger, LogLevelChange change) {
    return levels.set(logger, change == null ? null : change.level());
  }

  @DELETE
  @Path("{logger}")
  @Operation(
      summary = "Remove a logger's level",
      description =
          "The level the server's logging configuration gives applies again on every node. Audited.")
  @APIResponse(responseCode = "204", description = "Removed")
  @Extension(name = ROLES, value = "admin")
  @Extension(name = PROBLEMS, value = "invalid-parameter not-found")
  public Response reset(@PathParam("logger") String logger) {
    levels.reset(logger);
    return Response.noContent().build();
  }
}
