package dev.forecourt.sales.api;

import dev.forecourt.platform.web.Versions;
import dev.forecourt.sales.application.DealDraft;
import dev.forecourt.sales.application.DealService;
import dev.forecourt.sales.application.DealView;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Deals: {@code POST /deals} reserves the vehicle (honours {@code Idempotency-Key}); close sells
 * it and wins the lead; cancel releases it — both need the deal's ETag (its version, on every read)
 * in If-Match: 428 without, 412 when stale. A vehicle that is not AVAILABLE → 409
 * {@code vehicle-unavailable}.
 */
@Path("deals")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class DealResource {

  @EJB DealService deals;

  @Context UriInfo uriInfo;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(@HeaderParam(LeadResource.IDEMPOTENCY_KEY) String idempotencyKey, DealDraft draft) {
    DealView deal = deals.create(draft, idempotencyKey);
    return Response.created(uriInfo.getBaseUriBuilder().path("deals").path(Long.toString(deal.id())).build())
        .tag(Versions.etag(deal.version())).entity(deal).build();
  }

  @GET
  @Path("{id: [0-9]{1,18}}")
  public Response read(@PathParam("id") long id) {
    return tagged(deals.deal(id));
  }

  @POST
  @Path("{id: [0-9]{1,18}}/close")
  public Response close(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
    return tagged(deals.close(id, Versions.expected(ifMatch, "deal")));
  }

  @POST
  @Path("{id: [0-9]{1,18}}/cancel")
  public Response cancel(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
    return tagged(deals.cancel(id, Versions.expected(ifMatch, "deal")));
  }

  private static Response tagged(DealView deal) {
    return Response.ok(deal).tag(Versions.etag(deal.version())).build();
  }
}
