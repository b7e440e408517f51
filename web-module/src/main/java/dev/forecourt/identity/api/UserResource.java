package dev.forecourt.identity.api;

import dev.forecourt.identity.application.UserAccess;
import dev.forecourt.identity.application.UserAdministration;
import dev.forecourt.identity.application.UserDraft;
import dev.forecourt.identity.application.UserSearch;
import dev.forecourt.identity.application.UserView;
import dev.forecourt.platform.security.Role;
import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;
import dev.forecourt.platform.web.QueryParams;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
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

/**
 * Local accounts, for admins (all) and managers (the sales staff of their dealerships): create
 * (an invitation is mailed), list and search, read (with an ETag), change roles and dealerships
 * (If-Match), disable, enable, reset the second factor. Accounts of the corporate identity provider
 * are managed there and are not listed.
 */
@Path("users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

  private static final int DEFAULT_LIMIT = 20;
  private static final int MAX_LIMIT = 100;

  @EJB UserAdministration users;

  @Context UriInfo uriInfo;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(UserDraft draft) {
    UserView user = users.create(draft);
    return Response.created(uriInfo.getBaseUriBuilder().path("users").path(Long.toString(user.id())).build())
        .tag(etag(user)).entity(user).build();
  }

  /** {@code q}: a fragment of the username or e-mail address; {@code status}: enabled or disabled. */
  @GET
  public Response search(@QueryParam("q") String q, @QueryParam("role") String role,
      @QueryParam("dealership") String dealership, @QueryParam("status") String status,
      @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
    int size = QueryParams.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
    String text = QueryParams.text(q);
    if (text != null && text.length() > 100) {
      throw ProblemException.invalidParameter("q", "must be at most 100 characters");
    }
    Role r = QueryParams.parse("role", role, v -> Role.ofGroup(v.toLowerCase(Locale.ROOT))
        .filter(x -> x != Role.INTEGRATOR).orElseThrow(), "must be one of sales, manager, admin");
    Boolean enabled = QueryParams.parse("status", status, v -> switch (v.toLowerCase(Locale.ROOT)) {
      case "enabled" -> Boolean.TRUE;
      case "disabled" -> Boolean.FALSE;
      default -> throw new IllegalArgumentException(v);
    }, "must be enabled or disabled");
    List<UserView> page = users.search(new UserSearch(text, r, QueryParams.text(dealership), enabled,
        QueryParams.cursor(cursor), size));
    return QueryParams.page(uriInfo, page, size, UserView::id);
  }

  @GET
  @Path("{id: [0-9]{1,18}}")
  public Response read(@PathParam("id") long id) {
    UserView user = users.user(id);
    return Response.ok(user).tag(etag(user)).build();
  }

  /** Replaces roles and dealerships; needs the ETag of the account in If-Match (428 without, 412 when stale). */
  @PUT
  @Path("{id: [0-9]{1,18}}/access")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response changeAccess(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      UserAccess access) {
    UserView user = users.changeAccess(id, expectedVersion(ifMatch), access);
    return Response.ok(user).tag(etag(user)).build();
  }

  @POST
  @Path("{id: [0-9]{1,18}}/disable")
  public Response disable(@PathParam("id") long id) {
    UserView user = users.disable(id);
    return Response.ok(user).tag(etag(user)).build();
  }

  @POST
  @Path("{id: [0-9]{1,18}}/enable")
  public Response enable(@PathParam("id") long id) {
    UserView user = users.enable(id);
    return Response.ok(user).tag(etag(user)).build();
  }

  /** Removes the account's second factor; it signs in with its password alone until it enrols again. */
  @DELETE
  @Path("{id: [0-9]{1,18}}/two-factor")
  public Response resetSecondFactor(@PathParam("id") long id) {
    users.resetSecondFactor(id);
    return Response.noContent().build();
  }

  private static EntityTag etag(UserView user) {
    return new EntityTag(Long.toString(user.version()));
  }

  /** The version the client read, from {@code If-Match: "<version>"}; 428 without one. */
  private static long expectedVersion(String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank()) {
      throw new ProblemException(ProblemType.PRECONDITION_REQUIRED, "Send the account's ETag in If-Match to change it");
    }
    String tag = ifMatch.trim();
    if (tag.startsWith("W/")) {
      tag = tag.substring(2);
    }
    try {
      return Long.parseLong(tag.replace("\"", ""));
    } catch (NumberFormatException e) {
      throw new ProblemException(ProblemType.PRECONDITION_FAILED, "If-Match does not match the account's current ETag");
    }
  }
}
