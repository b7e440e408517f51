package dev.forecourt.identity.api;

import static dev.forecourt.platform.openapi.ApiDocumentFilter.PROBLEMS;
import static dev.forecourt.platform.openapi.ApiDocumentFilter.ROLES;

import dev.forecourt.identity.application.ApiKeyDraft;
import dev.forecourt.identity.application.ApiKeyService;
import dev.forecourt.identity.application.ApiKeyView;
import dev.forecourt.identity.application.TokenSettings;
import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.web.Caching;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.time.Duration;
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
 * API keys of integrators (admins): create (the key is in that answer only), list, rotate, revoke.
 */
@Path("/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "identity")
public class ApiKeyResource {

  @EJB ApiKeyService keys;

  @Context UriInfo uriInfo;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Create an API key",
      description = "The key is in this answer only; store it now.")
  @RequestBody(
      required = true,
      description = "The key's name, scopes and expiry",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ApiKeyDraft.class)))
  @APIResponse(
      responseCode = "201",
      description = "The key, with its secret",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ApiKeyView.class)),
      headers =
          @Header(
              name = "Location",
              description = "The URL of the new resource",
              schema = @Schema(type = SchemaType.STRING)))
  @Extension(name = ROLES, value = "admin")
  @Extension(name = PROBLEMS, value = "validation-failed conflict")
  public Response create(ApiKeyDraft draft) {
    ApiKeyView created = keys.create(draft);
    return Response.created(
            uriInfo.getAbsolutePathBuilder().path(Long.toString(created.id())).build())
        .entity(created)
        .cacheControl(Caching.noStore())
        .build();
  }

  @GET
  @Operation(summary = "List the API keys", description = "Without their secrets.")
  @APIResponse(
      responseCode = "200",
      description = "The keys",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(type = SchemaType.ARRAY, implementation = ApiKeyView.class)))
  @Extension(name = ROLES, value = "admin")
  public List<ApiKeyView> list() {
    return keys.list();
  }

  /**
   * A new key; the old one keeps working for {@code overlap} (ISO-8601, e.g. PT1H; default from
   * config).
   */
  @POST
  @Path("{id: [0-9]{1,18}}/rotate")
  @Operation(
      summary = "Rotate an API key",
      description =
          "A new key (in this answer only); the old one keeps working for `overlap` (an ISO-8601 duration such as PT1H; default from the configuration).")
  @APIResponse(
      responseCode = "200",
      description = "The new key, with its secret",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ApiKeyView.class)))
  @Extension(name = ROLES, value = "admin")
  @Extension(name = PROBLEMS, value = "not-found invalid-parameter conflict")
  public Response rotate(@PathParam("id") long id, @QueryParam("overlap") String overlap) {
    Duration d = null;
    if (overlap != null) {
      try {
        d = TokenSettings.duration(overlap);
      } catch (IllegalArgumentException e) {
        throw ProblemException.invalidParameter(
            "overlap", "must be an ISO-8601 duration such as PT1H");
      }
      if (d.isNegative()) {
        throw ProblemException.invalidParameter("overlap", "must not be negative");
      }
    }
    return Response.ok(keys.rotate(id, d)).cacheControl(Caching.noStore()).build();
  }

  @DELETE
  @Path("{id: [0-9]{1,18}}")
  @Operation(summary = "Revoke an API key")
  @APIResponse(responseCode = "204", description = "Revoked")
  @Extension(name = ROLES, value = "admin")
  @Extension(name = PROBLEMS, value = "not-found")
  public Response revoke(@PathParam("id") long id) {
    keys.revoke(id);
    return Response.noContent().build();
  }
}
