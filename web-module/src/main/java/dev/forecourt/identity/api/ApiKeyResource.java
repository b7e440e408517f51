package dev.forecourt.identity.api;

import dev.forecourt.identity.application.ApiKeyDraft;
import dev.forecourt.identity.application.ApiKeyService;
import dev.forecourt.identity.application.ApiKeyView;
import dev.forecourt.identity.application.TokenSettings;
import dev.forecourt.platform.problem.ProblemException;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import dev.forecourt.platform.web.Caching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.util.List;

/** API keys of integrators (admins): create (the key is in that answer only), list, rotate, revoke. */
@Path("/api-keys")
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeyResource {

  @EJB ApiKeyService keys;

  @Context UriInfo uriInfo;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(ApiKeyDraft draft) {
    ApiKeyView created = keys.create(draft);
    return Response.created(uriInfo.getAbsolutePathBuilder().path(Long.toString(created.id())).build())
        .entity(created).cacheControl(Caching.noStore()).build();
  }

  @GET
  public List<ApiKeyView> list() {
    return keys.list();
  }

  /** A new key; the old one keeps working for {@code overlap} (ISO-8601, e.g. PT1H; default from config). */
  @POST
  @Path("{id: [0-9]{1,18}}/rotate")
  public Response rotate(@PathParam("id") long id, @QueryParam("overlap") String overlap) {
    Duration d = null;
    if (overlap != null) {
      try {
        d = TokenSettings.duration(overlap);
      } catch (IllegalArgumentException e) {
        throw ProblemException.invalidParameter("overlap", "must be an ISO-8601 duration such as PT1H");
      }
      if (d.isNegative()) {
        throw ProblemException.invalidParameter("overlap", "must not be negative");
      }
    }
    return Response.ok(keys.rotate(id, d)).cacheControl(Caching.noStore()).build();
  }

  @DELETE
  @Path("{id: [0-9]{1,18}}")
  public Response revoke(@PathParam("id") long id) {
    keys.revoke(id);
    return Response.noContent().build();
  }
}
