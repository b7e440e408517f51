package dev.forecourt.sales.api;

import static dev.forecourt.platform.openapi.ApiDocumentFilter.PROBLEMS;
import static dev.forecourt.platform.openapi.ApiDocumentFilter.ROLES;

import dev.forecourt.platform.web.QueryParams;
import dev.forecourt.platform.web.Versions;
import dev.forecourt.sales.application.DealDraft;
import dev.forecourt.sales.application.DealSearch;
import dev.forecourt.sales.application.DealService;
import dev.forecourt.sales.application.DealView;
import dev.forecourt.sales.domain.DealStatus;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
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
 * Deals: {@code GET /deals} lists them (newest first, the caller's dealerships); {@code POST
 * /deals} reserves the vehicle (honours {@code Idempotency-Key}); close sells it and wins the lead;
 * cancel releases it — both need the deal's ETag (its version, on every read) in If-Match: 428
 * without, 412 when stale. A vehicle that is not AVAILABLE → 409 {@code vehicle-unavailable}.
 */
@Path("deals")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sales")
public class DealResource {

  @EJB DealService deals;

  @Context UriInfo uriInfo;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Open a deal",
      description =
          "Reserves the vehicle (409 `vehicle-unavailable` when it is not AVAILABLE). Honours `Idempotency-Key`.")
  @RequestBody(
      required = true,
      description = "The deal",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = DealDraft.class)))
  @APIResponse(
      responseCode = "201",
      description = "The deal",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = DealView.class)),
      headers =
          @Header(
              name = "Location",
              description = "The URL of the new resource",
              schema = @Schema(type = SchemaType.STRING)))
  @Extension(name = ROLES, value = "sales manager admin")
  @Extension(
      name = PROBLEMS,
      value =
          "validation-failed not-found vehicle-unavailable conflict invalid-parameter idempotency-conflict idempotency-key-reused")
  public Response create(
      @HeaderParam(LeadResource.IDEMPOTENCY_KEY) String idempotencyKey, DealDraft draft) {
    DealView deal = deals.create(draft, idempotencyKey);
    return Response.created(
            uriInfo.getBaseUriBuilder().path("deals").path(Long.toString(deal.id())).build())
        .tag(Versions.etag(deal.version()))
        .entity(deal)
        .build();
  }

  @GET
  @Operation(
      summary = "Search deals",
      description =
          "By status and dealership (the caller's dealerships); newest first; keyset-paginated (`limit` up to 100, `Link: rel=\"next\"`).")
  @APIResponse(
      responseCode = "200",
      description = "A page of deals",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(type = SchemaType.ARRAY, implementation = DealView.class)),
      headers =
          @Header(
              name = "Link",
              description = "rel=\"next\": the next page (absent on the last page)",
              schema = @Schema(type = SchemaType.STRING)))
  @Extension(name = ROLES, value = "sales manager admin")
  @Extension(name = PROBLEMS, value = "invalid-parameter forbidden")
  public Response search(
      @QueryParam("status") String status,
      @QueryParam("dealership") String dealership,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    int size = QueryParams.limit(limit, LeadResource.DEFAULT_LIMIT, LeadResource.MAX_LIMIT);
    List<DealView> page =
        deals.search(
            new DealSearch(
                QueryParams.enumValue("status", status, DealStatus.class),
                QueryParams.text(dealership),
                QueryParams.cursor(cursor),
                size));
    return QueryParams.page(uriInfo, page, size, DealView::id);
  }

  @GET
  @Path("{id: [0-9]{1,18}}")
  @Operation(summary = "Read a deal")
  @APIResponse(
      responseCode = "200",
      description = "The deal",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = DealView.class)))
  @Extension(name = ROLES, value = "sales manager admin")
  @Extension(name = PROBLEMS, value = "not-found")
  public Response read(@PathParam("id") long id) {
    return tagged(deals.deal(id));
  }

  @POST
  @Path("{id: [0-9]{1,18}}/close")
  @Operation(summary = "Close a deal", description = "Sells the vehicle and wins the lead.")
  @APIResponse(
      responseCode = "200",
      description = "The deal, closed",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = DealView.class)))
  @Extension(name = ROLES, value = "sales manager admin")
  @Extension(
      name = PROBLEMS,
      value = "not-found conflict precondition-required precondition-failed")
  public Response close(
      @PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
    return tagged(deals.close(id, Versions.expected(ifMatch, "deal")));
  }

  @POST
  @Path("{id: [0-9]{1,18}}/cancel")
  @Operation(summary = "Cancel a deal", description = "Releases the vehicle.")
  @APIResponse(
      responseCode = "200",
      description = "The deal, cancelled",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = DealView.class)))
  @Extension(name = ROLES, value = "sales manager admin")
  @Extension(
      name = PROBLEMS,
      value = "not-found conflict precondition-required precondition-failed")
  public Response cancel(
      @PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
    return tagged(deals.cancel(id, Versions.expected(ifMatch, "deal")));
  }

  private static Response tagged(DealView deal) {
    return Response.ok(deal).tag(Versions.etag(deal.version())).build();
  }
}
