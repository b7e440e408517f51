package dev.forecourt.identity.api;

import static dev.forecourt.platform.openapi.ApiDocumentFilter.PROBLEMS;
import static dev.forecourt.platform.openapi.ApiDocumentFilter.ROLES;

import dev.forecourt.identity.application.UserAccess;
import dev.forecourt.identity.application.UserAdministration;
import dev.forecourt.identity.application.UserDraft;
import dev.forecourt.identity.application.UserSearch;
import dev.forecourt.identity.application.UserView;
import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.security.Role;
import dev.forecourt.platform.web.QueryParams;
import dev.forecourt.platform.web.Versions;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Locale;
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
 * Local accounts, for admins (all) and managers (the sales staff of their dealerships): create (an
 * invitation is mailed), list and search, read (with an ETag), change roles and dealerships
 * (If-Match), disable, enable, reset the second factor. Accounts of the corporate identity provider
 * are managed there and are not listed.
 */
@Path("users")
@ApplicationScoped
@Tag(name = "identity")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

  private static final int DEFAULT_LIMIT = 20;
  private static final int MAX_LIMIT = 100;

  @EJB UserAdministration users;

  @Context UriInfo uriInfo;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Create a local account",
      description =
          "No password: an invitation mail with a set-password link is sent. Managers create sales staff of their own dealerships only.")
  @RequestBody(
      required = true,
      description = "Username, e-mail address, roles and dealerships",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = UserDraft.class)))
  @APIResponse(
      responseCode = "201",
      description = "The account",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = UserView.class)),
      headers = {
        @Header(
            name = "Location",
            description = "The URL of the new resource",
            schema = @Schema(type = SchemaType.STRING)),
        @Header(
            name = "ETag",
            description = "The account's version, for If-Match",
            schema = @Schema(type = SchemaType.STRING))
      })
  @Extension(name = ROLES, value = "manager admin")
  @Extension(name = PROBLEMS, value = "validation-failed forbidden duplicate")
  public Response create(UserDraft draft) {
    UserView user = users.create(draft);
    return Response.created(
            uriInfo.getBaseUriBuilder().path("users").path(Long.toString(user.id())).build())
        .tag(etag(user))
        .entity(user)
        .build();
  }

  /**
   * {@code q}: a fragment of the username or e-mail address; {@code status}: enabled or disabled.
   */
  @GET
  @Operation(
      summary = "Search local accounts",
      description =
          "`q`: a fragment of the username or e-mail address; `role`; `dealership` (code); `status`: enabled or disabled; keyset-paginated (`limit` up to 100, `Link: rel=\"next\"`). Managers see the sales staff of their dealerships.")
  @APIResponse(
      responseCode = "200",
      description = "A page of accounts",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(type = SchemaType.ARRAY, implementation = UserView.class)),
      headers =
          @Header(
              name = "Link",
              description = "rel=\"next\": the next page (absent on the last page)",
              schema = @Schema(type = SchemaType.STRING)))
  @Extension(name = ROLES, value = "manager admin")
  @Extension(name = PROBLEMS, value = "invalid-parameter")
  public Response search(
      @QueryParam("q") String q,
      @QueryParam("role") String role,
      @QueryParam("dealership") String dealership,
      @QueryParam("status") String status,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    int size = QueryParams.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
    String text = QueryParams.text(q);
    if (text != null && text.length() > 100) {
      throw ProblemException.invalidParameter("q", "must be at most 100 characters");
    }
    Role r =
        QueryParams.parse(
            "role",
            role,
            v ->
                Role.ofGroup(v.toLowerCase(Locale.ROOT))
                    .filter(x -> x != Role.INTEGRATOR)
                    .orElseThrow(),
            "must be one of sales, manager, admin");
    Boolean enabled =
        QueryParams.parse(
            "status",
            status,
            v ->
                switch (v.toLowerCase(Locale.ROOT)) {
                  case "enabled" -> Boolean.TRUE;
                  case "disabled" -> Boolean.FALSE;
                  default -> throw new IllegalArgumentException(v);
                },
            "must be enabled or disabled");
    List<UserView> page =
        users.search(
            new UserSearch(
                text, r, QueryParams.text(dealership), enabled, QueryParams.cursor(cursor), size));
    return QueryParams.page(uriInfo, page, size, UserView::id);
  }

  @GET
  @Path("{id: [0-9]{1,18}}")
  @Operation(summary = "Read a local account")
  @APIResponse(
      responseCode = "200",
      description = "The account",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = UserView.class)),
      headers =
          @Header(
              name = "ETag",
              description = "The account's version, for If-Match",
              schema = @Schema(type = SchemaType.STRING)))
  @Extension(name = ROLES, value = "manager admin")
  @Extension(name = PROBLEMS, value = "not-found")
  public Response read(@PathParam("id") long id) {
    UserView user = users.user(id);
    return Response.ok(user).tag(etag(user)).build();
  }

  /**
   * Replaces roles and dealerships; needs the ETag of the account in If-Match (428 without, 412
   * when stale).
   */
  @PUT
  @Path("{id: [0-9]{1,18}}/access")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Change an account's roles and dealerships",
      description =
          "Needs the account's ETag in If-Match (428 without, 412 when stale). The account's refresh tokens are revoked; its access tokens are refused within `forecourt.security.token-cutoffs.cache-ttl`.")
  @RequestBody(
      required = true,
      description = "The roles and dealerships",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = UserAccess.class)))
  @APIResponse(
      responseCode = "200",
      description = "The account",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = UserView.class)),
      headers =
          @Header(
              name = "ETag",
              description = "The account's version, for If-Match",
              schema = @Schema(type = SchemaType.STRING)))
  @Extension(name = ROLES, value = "manager admin")
  @Extension(
      name = PROBLEMS,
      value =
          "not-found validation-failed forbidden conflict precondition-required precondition-failed")
  public Response changeAccess(
      @PathParam("id") long id,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      UserAccess access) {
    UserView user = users.changeAccess(id, expectedVersion(ifMatch), access);
    return Response.ok(user).tag(etag(user)).build();
  }

  @POST
  @Path("{id: [0-9]{1,18}}/disable")
  @Operation(
      summary = "Disable an account",
      description =
          "It cannot sign in; its refresh tokens are revoked and its access tokens refused within `forecourt.security.token-cutoffs.cache-ttl`.")
  @APIResponse(
      responseCode = "200",
      description = "The account, disabled",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = UserView.class)),
      headers =
          @Header(
              name = "ETag",
              description = "The account's version, for If-Match",
              schema = @Schema(type = SchemaType.STRING)))
  @Extension(name = ROLES, value = "manager admin")
  @Extension(name = PROBLEMS, value = "not-found forbidden conflict")
  public Response disable(@PathParam("id") long id) {
    UserView user = users.disable(id);
    return Response.ok(user).tag(etag(user)).build();
  }

  @POST
  @Path("{id: [0-9]{1,18}}/enable")
  @Operation(summary = "Enable an account again")
  @APIResponse(
      responseCode = "200",
      description = "The account, enabled",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = UserView.class)),
      headers =
          @Header(
              name = "ETag",
              description = "The account's version, for If-Match",
              schema = @Schema(type = SchemaType.STRING)))
  @Extension(name = ROLES, value = "manager admin")
  @Extension(name = PROBLEMS, value = "not-found forbidden")
  public Response enable(@PathParam("id") long id) {
    UserView user = users.enable(id);
    return Response.ok(user).tag(etag(user)).build();
  }

  /**
   * Removes the account's second factor; it signs in with its password alone until it enrols again.
   */
  @DELETE
  @Path("{id: [0-9]{1,18}}/two-factor")
  @Operation(
      summary = "Reset an account's second factor",
      description = "It signs in with its password alone until it enrols again.")
  @APIResponse(responseCode = "204", description = "Reset")
  @Extension(name = ROLES, value = "manager admin")
  @Extension(name = PROBLEMS, value = "not-found forbidden")
  public Response resetSecondFactor(@PathParam("id") long id) {
    users.resetSecondFactor(id);
    return Response.noContent().build();
  }

  private static EntityTag etag(UserView user) {
    return Versions.etag(user.version());
  }

  /** The version the client read, from {@code If-Match}; 428 without one, 412 for a foreign tag. */
  private static long expectedVersion(String ifMatch) {
    return Versions.expected(ifMatch, "account");
  }
}
