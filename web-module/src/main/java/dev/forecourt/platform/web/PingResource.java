package dev.forecourt.platform.web;

import static dev.forecourt.platform.openapi.ApiDocumentFilter.ROLES;

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

/** A bare JAX-RS endpoint (no EJB, no JPA): the baseline the benchmark compares the others with. */
@Path("ping")
@Tag(name = "platform")
public class PingResource {

  /** Always {@code {"status":"ok"}}. */
  public record Pong(String status) {}

  private static final Pong PONG = new Pong("ok");

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Ping",
      description = "A bare JAX-RS endpoint (no EJB, no database): always `{\"status\":\"ok\"}`.")
  @APIResponse(
      responseCode = "200",
      description = "Pong",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = Pong.class)))
  @Extension(name = ROLES, value = "anonymous")
  public Pong ping() {
    return PONG;
  }
}
