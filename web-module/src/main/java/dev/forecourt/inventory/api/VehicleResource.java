package dev.forecourt.inventory.api;

import dev.forecourt.inventory.application.InventoryService;
import dev.forecourt.inventory.application.Page;
import dev.forecourt.inventory.application.ValuationService;
import dev.forecourt.inventory.application.ValuationView;
import dev.forecourt.inventory.application.VehicleDraft;
import dev.forecourt.inventory.application.VehicleView;
import dev.forecourt.platform.web.Versions;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Vehicles in inventory. Reads carry an ETag (the version); a PUT must send it back in If-Match.
 * Lists are keyset-paginated: follow the Link rel="next".
 */
@Path("vehicles")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class VehicleResource {

  /** The header naming a dealer website's visitor (a first-party id), for de-duplicating views. */
  static final String VISITOR_ID = "X-Visitor-Id";

  @EJB InventoryService inventory;

  @EJB ValuationService valuation;

  @Context UriInfo uriInfo;

  @GET
  public Response search(@BeanParam VehicleSearchParams params) {
    Page<VehicleView> page = inventory.search(params.toSearch());
    Response.ResponseBuilder response = Response.ok(new VehicleList(page.items(), page.nextCursor().orElse(null)));
    page.nextCursor()
        .ifPresent(next -> response.link(uriInfo.getRequestUriBuilder().replaceQueryParam("cursor", next).build(), "next"));
    return response.build();
  }

  @GET
  @Path("{id: [0-9]{1,18}}")
  public Response read(@PathParam("id") long id) {
    VehicleView vehicle = inventory.vehicle(id);
    return Response.ok(vehicle).tag(etag(vehicle)).build();
  }

  /**
   * Counts a view of the vehicle's page, once per visitor per hour (anonymous: dealer websites call
   * it when they show the vehicle). The visitor is {@code X-Visitor-Id} when well-formed, else the
   * client address with the User-Agent. 204; an unknown vehicle (or one the caller may not see) 404.
   */
  @POST
  @Path("{id: [0-9]{1,18}}/views")
  public Response viewed(@PathParam("id") long id, @HeaderParam(VISITOR_ID) String visitorId,
      @HeaderParam(HttpHeaders.USER_AGENT) String userAgent) {
    inventory.recordView(id, visitorId, userAgent);
    return Response.noContent().build();
  }

  /** The body is validated by the EJB, after its role check: an anonymous caller learns nothing from 422s. */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response list(VehicleDraft draft) {
    VehicleView vehicle = inventory.list(draft);
    return Response.created(uriInfo.getAbsolutePathBuilder().path(Long.toString(vehicle.id())).build())
        .tag(etag(vehicle))
        .entity(vehicle)
        .build();
  }

  @PUT
  @Path("{id: [0-9]{1,18}}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response update(
      @PathParam("id") long id,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      VehicleDraft draft) {
    VehicleView vehicle = inventory.update(id, expectedVersion(ifMatch), draft);
    return Response.ok(vehicle).tag(etag(vehicle)).build();
  }

  @DELETE
  @Path("{id: [0-9]{1,18}}")
  public Response remove(@PathParam("id") long id) {
    inventory.remove(id);
    return Response.noContent().build();
  }

  /**
   * The valuation of a vehicle. The EJB applies the retry / circuit-breaker / fallback policy; this
   * outer timeout is the request's overall deadline (504 if even the fallback could not answer).
   */
  @GET
  @Path("{id: [0-9]{1,18}}/valuation")
  @Timeout(10_000)
  public ValuationView valuation(@PathParam("id") long id) {
    return valuation.estimate(inventory.vehicle(id));
  }

  private static EntityTag etag(VehicleView vehicle) {
    return Versions.etag(vehicle.version());
  }

  /** The version the client read, from {@code If-Match: "<version>"}; 428 without one. */
  private static long expectedVersion(String ifMatch) {
    return Versions.expected(ifMatch, "vehicle");
  }
}
