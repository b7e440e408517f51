package dev.forecourt.platform.web;

import static dev.forecourt.platform.openapi.ApiDocumentFilter.PROBLEMS;
import static dev.forecourt.platform.openapi.ApiDocumentFilter.ROLES;

import dev.forecourt.platform.cache.ResponseCacheAdmin;
import dev.forecourt.platform.cache.ResponseCacheAdmin.ResponseCacheView;
import jakarta.ejb.EJB;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The response cache (admins): inspect this node's entries, invalidate a tag on every node. */
@Path("/admin/response-cache")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
public class ResponseCacheResource {

  @EJB ResponseCacheAdmin admin;

  @GET
  @Operation(
      summary = "Inspect the response cache of this node",
      description =
          "Counts since the node started and the cached answers (key, tags, fresh, size; never the body), those with `tag` only when it is given; at most 500 listed.")
  @APIResponse(
      responseCode = "200",
      description = "The node's response cache",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ResponseCacheView.class)))
  @Extension(name = ROLES, value = "admin")
  @Extension(name = PROBLEMS, value = "invalid-parameter")
  public ResponseCacheView inspect(@QueryParam("tag") String tag) {
    return admin.inspect(tag);
  }

  @DELETE
  @Operation(
      summary = "Invalidate a tag",
      description =
          "Every cached answer with the tag (`vehicles`, `vehicle:<id>`, `dealership:<code>`) becomes stale on every node; audited.")
  @APIResponse(responseCode = "204", description = "Invalidated")
  @Extension(name = ROLES, value = "admin")
  @Extension(name = PROBLEMS, value = "invalid-parameter")
  public Response invalidate(@QueryParam("tag") String tag) {
    admin.invalidate(tag);
    return Response.noContent().build();
  }
}
