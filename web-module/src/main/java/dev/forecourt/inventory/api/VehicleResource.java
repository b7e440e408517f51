package dev.forecourt.inventory.api;

import static dev.forecourt.platform.openapi.ApiDocumentFilter.API_KEY_SCOPES;
import static dev.forecourt.platform.openapi.ApiDocumentFilter.PROBLEMS;
import static dev.forecourt.platform.openapi.ApiDocumentFilter.ROLES;

import dev.forecourt.inventory.application.InventoryService;
import dev.forecourt.inventory.application.Page;
import dev.forecourt.inventory.application.PriceChangeView;
import dev.forecourt.inventory.application.ValuationService;
import dev.forecourt.inventory.application.ValuationView;
import dev.forecourt.inventory.application.VehicleDraft;
import dev.forecourt.inventory.application.VehicleSearch;
import dev.forecourt.inventory.application.VehicleView;
import dev.forecourt.inventory.domain.InventoryTags;
import dev.forecourt.platform.web.CachedResponses;
import dev.forecourt.platform.web.Export;
import dev.forecourt.platform.web.Versions;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
import org.eclipse.microprofile.faulttolerance.Timeout;
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
 * Vehicles in inventory. Reads carry an ETag (the version); a PUT must send it back in If-Match.
 * Lists are keyset-paginated: follow the Link rel="next".
 */
@Path("vehicles")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "inventory")
public class VehicleResource {

  static final String CSV = Export.CSV;

  static final String NDJSON = Export.NDJSON;

  private static final String[] EXPORT_COLUMNS = {
    "id",
    "vin",
    "make",
    "model",
    "trim",
    "model_year",
    "mileage",
    "colour",
    "price",
    "currency",
    "status",
    "held_by_deal",
    "dealership",
    "created_at",
    "updated_at",
    "version"
  };

  /** The header naming a dealer website's visitor (a first-party id), for de-duplicating views. */
  static final String VISITOR_ID = "X-Visitor-Id";

  @EJB InventoryService inventory;

  @EJB ValuationService valuation;

  @Inject CachedResponses responses;

  @Context UriInfo uriInfo;

  @GET
  @Operation(
      summary = "Search vehicles",
      description =
          "Filters by make, model, year and price range, status and dealership; sorted by `sort`; keyset-paginated (`limit` up to 100; follow `Link: rel=\"next\"` or `nextCursor`). Anonymous callers see available vehicles; staff and API keys see every status.")
  @APIResponse(
      responseCode = "200",
      description = "A page of vehicles",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = VehicleList.class)),
      headers = {
        @Header(
            name = "Link",
            description = "rel=\"next\": the next page (absent on the last page)",
            schema = @Schema(type = SchemaType.STRING)),
        @Header(
            name = "ETag",
            description = "A strong tag of this page, for If-None-Match",
            schema = @Schema(type = SchemaType.STRING))
      })
  @APIResponse(
      responseCode = "304",
      description = "Not modified: `If-None-Match` names the page's current ETag (no body)")
  @Extension(name = ROLES, value = "anonymous sales manager admin")
  @Extension(name = API_KEY_SCOPES, value = "inventory:read inventory:write")
  @Extension(name = PROBLEMS, value = "invalid-parameter")
  public Response search(
      @QueryParam("make") String make,
      @QueryParam("model") String model,
      @QueryParam("yearFrom") String yearFrom,
      @QueryParam("yearTo") String yearTo,
      @QueryParam("priceMin") String priceMin,
      @QueryParam("priceMax") String priceMax,
      @QueryParam("status") String status,
      @QueryParam("dealership") String dealership,
      @QueryParam("sort") String sort,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit,
      @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
    VehicleSearchParams params =
        new VehicleSearchParams(
            make,
            model,
            yearFrom,
            yearTo,
            priceMin,
            priceMax,
            status,
            dealership,
            sort,
            cursor,
            limit);
    VehicleSearch search = params.toSearch();
    String audience = inventory.audience();
    List<String> tags =
        search.dealershipCode() == null
            ? List.of(InventoryTags.VEHICLES)
            : List.of(InventoryTags.VEHICLES, InventoryTags.dealership(search.dealershipCode()));
    // anonymous lists (dealer websites' traffic) may be a moment old; staff read their own writes
    CachedResponses.Cached page =
        responses.get(
            "vehicles?" + search.key() + "|" + audience,
            tags,
            InventoryService.PUBLIC.equals(audience),
            () -> {
              Page<VehicleView> found = inventory.search(search);
              String next = found.nextCursor().orElse(null);
              return new CachedResponses.Answer(
                      new VehicleList(found.items(), next), null, next, List.of())
                  .computedFor(audience, inventory.audience());
            });
    Response.ResponseBuilder response = CachedResponses.respond(page, ifNoneMatch);
    if (page.next() != null) {
      response.link(
          uriInfo.getRequestUriBuilder().replaceQueryParam("cursor", page.next()).build(), "next");
    }
    return response.build();
  }

  @GET
  @Path("export")
  @Produces({CSV, NDJSON})
  @Operation(
      summary = "Export vehicles",
      description =
          "Every vehicle the filters match, in the sort order, with the search's filters and visibility (no `cursor` or `limit`): CSV (`Accept: text/csv`) or NDJSON (`Accept: application/x-ndjson`, one vehicle per line). Streamed page by page as it is read, never held whole.")
  @APIResponse(
      responseCode = "200",
      description = "The vehicles",
      content = {
        @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)),
        @Content(mediaType = NDJSON, schema = @Schema(implementation = VehicleView.class))
      })
  @Extension(name = ROLES, value = "anonymous sales manager admin")
  @Extension(name = API_KEY_SCOPES, value = "inventory:read inventory:write")
  @Extension(name = PROBLEMS, value = "invalid-parameter")
  public Response export(
      @QueryParam("make") String make,
      @QueryParam("model") String model,
      @QueryParam("yearFrom") String yearFrom,
      @QueryParam("yearTo") String yearTo,
      @QueryParam("priceMin") String priceMin,
      @QueryParam("priceMax") String priceMax,
      @QueryParam("status") String status,
      @QueryParam("dealership") String dealership,
      @QueryParam("sort") String sort,
      @HeaderParam(HttpHeaders.ACCEPT) String accept) {
    VehicleSearch search =
        new VehicleSearchParams(
                make,
                model,
                yearFrom,
                yearTo,
                priceMin,
                priceMax,
                status,
                dealership,
                sort,
                null,
                Integer.toString(VehicleSearch.MAX_LIMIT))
            .toSearch();
    // the first page before the answer starts: a refusal is still a problem answer, not a cut
    // stream
    return Export.of(
        accept, "forecourt-vehicles", EXPORT_COLUMNS, VehicleResource::exportRow, pages(search));
  }

  private Export.Pages<VehicleView> pages(VehicleSearch search) {
    Page<VehicleView> page = inventory.search(search);
    return new Export.Pages<>(
        page.items(),
        page.nextCursor()
            .<java.util.function.Supplier<Export.Pages<VehicleView>>>map(
                cursor -> () -> pages(search.from(cursor)))
            .orElse(null));
  }

  private static Object[] exportRow(VehicleView v) {
    return new Object[] {
      v.id(),
      v.vin(),
      v.make(),
      v.model(),
      v.trim(),
      v.modelYear(),
      v.mileage(),
      v.colour(),
      v.price().toPlainString(),
      v.currency(),
      v.status(),
      v.heldByDeal(),
      v.dealershipCode(),
      v.createdAt(),
      v.updatedAt(),
      v.version()
    };
  }

  @GET
  @Path("{id: [0-9]{1,18}}")
  @Operation(summary = "Read a vehicle")
  @APIResponse(
      responseCode = "200",
      description = "The vehicle; its ETag is the version",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = VehicleView.class)),
      headers =
          @Header(
              name = "ETag",
              description = "The version, to send back in If-Match",
              schema = @Schema(type = SchemaType.STRING)))
  @APIResponse(
      responseCode = "304",
      description = "Not modified: `If-None-Match` names the current version (no body)")
  @Extension(name = ROLES, value = "anonymous sales manager admin")
  @Extension(name = API_KEY_SCOPES, value = "inventory:read inventory:write")
  @Extension(name = PROBLEMS, value = "not-found")
  public Response read(
      @PathParam("id") long id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
    String audience = inventory.audience();
    CachedResponses.Cached vehicle =
        responses.get(
            "vehicle:" + id + "|" + audience,
            List.of(InventoryTags.vehicle(id)),
            false,
            () -> {
              VehicleView found = inventory.vehicle(id);
              return new CachedResponses.Answer(
                      found,
                      etag(found),
                      null,
                      List.of(InventoryTags.dealership(found.dealershipCode())))
                  .computedFor(audience, inventory.audience());
            });
    return CachedResponses.respond(vehicle, ifNoneMatch).build();
  }

  /**
   * Counts a view of the vehicle's page, once per visitor per hour (anonymous: dealer websites call
   * it when they show the vehicle). The visitor is {@code X-Visitor-Id} when well-formed, else the
   * client address with the User-Agent. 204; an unknown vehicle (or one the caller may not see)
   * 404.
   */
  @POST
  @Path("{id: [0-9]{1,18}}/views")
  @Operation(
      summary = "Count a view of the vehicle's page",
      description =
          "Once per visitor per hour: the visitor is `X-Visitor-Id` when well-formed, else the client address with the User-Agent. Dealer websites call it when they show the vehicle.")
  @APIResponse(responseCode = "204", description = "Counted (or already counted this hour)")
  @Extension(name = ROLES, value = "anonymous sales manager admin")
  @Extension(name = API_KEY_SCOPES, value = "inventory:read inventory:write")
  @Extension(name = PROBLEMS, value = "not-found")
  public Response viewed(
      @PathParam("id") long id,
      @HeaderParam(VISITOR_ID) String visitorId,
      @HeaderParam(HttpHeaders.USER_AGENT) String userAgent) {
    inventory.recordView(id, visitorId, userAgent);
    return Response.noContent().build();
  }

  /**
   * The body is validated by the EJB, after its role check: an anonymous caller learns nothing from
   * 422s.
   */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "List a vehicle for sale",
      description =
          "The body is validated after the role check: an anonymous caller learns nothing from 422s.")
  @RequestBody(
      required = true,
      description = "The vehicle to list",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = VehicleDraft.class)))
  @APIResponse(
      responseCode = "201",
      description = "The vehicle, listed",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = VehicleView.class)),
      headers = {
        @Header(
            name = "Location",
            description = "The URL of the new resource",
            schema = @Schema(type = SchemaType.STRING)),
        @Header(
            name = "ETag",
            description = "The version, to send back in If-Match",
            schema = @Schema(type = SchemaType.STRING))
      })
  @Extension(name = ROLES, value = "sales manager admin")
  @Extension(name = API_KEY_SCOPES, value = "inventory:write")
  @Extension(name = PROBLEMS, value = "validation-failed duplicate")
  public Response list(VehicleDraft draft) {
    VehicleView vehicle = inventory.list(draft);
    return Response.created(
            uriInfo.getAbsolutePathBuilder().path(Long.toString(vehicle.id())).build())
        .tag(etag(vehicle))
        .entity(vehicle)
        .build();
  }

  @PUT
  @Path("{id: [0-9]{1,18}}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Update a vehicle",
      description =
          "Send the ETag of your read in `If-Match`: 428 without it, 412 when the vehicle changed since.")
  @RequestBody(
      required = true,
      description = "The vehicle's new state",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = VehicleDraft.class)))
  @APIResponse(
      responseCode = "200",
      description = "The vehicle, updated",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = VehicleView.class)),
      headers =
          @Header(
              name = "ETag",
              description = "The version, to send back in If-Match",
              schema = @Schema(type = SchemaType.STRING)))
  @Extension(name = ROLES, value = "sales manager admin")
  @Extension(name = API_KEY_SCOPES, value = "inventory:write")
  @Extension(
      name = PROBLEMS,
      value =
          "not-found validation-failed duplicate conflict vehicle-held precondition-failed precondition-required")
  public Response update(
      @PathParam("id") long id,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      VehicleDraft draft) {
    VehicleView vehicle = inventory.update(id, expectedVersion(ifMatch), draft);
    return Response.ok(vehicle).tag(etag(vehicle)).build();
  }

  @DELETE
  @Path("{id: [0-9]{1,18}}")
  @Operation(summary = "Remove a vehicle from inventory")
  @APIResponse(responseCode = "204", description = "Removed")
  @Extension(name = ROLES, value = "sales manager admin")
  @Extension(name = API_KEY_SCOPES, value = "inventory:write")
  @Extension(name = PROBLEMS, value = "not-found conflict vehicle-held")
  public Response remove(@PathParam("id") long id) {
    inventory.remove(id);
    return Response.noContent().build();
  }

  @GET
  @Path("{id: [0-9]{1,18}}/price-history")
  @Operation(
      summary = "A vehicle's price history",
      description =
          "Every change of its list price, oldest first (the first listing has no old price).")
  @APIResponse(
      responseCode = "200",
      description = "The changes",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(type = SchemaType.ARRAY, implementation = PriceChangeView.class)))
  @Extension(name = ROLES, value = "sales manager admin")
  @Extension(name = API_KEY_SCOPES, value = "inventory:read")
  @Extension(name = PROBLEMS, value = "not-found forbidden")
  public List<PriceChangeView> priceHistory(@PathParam("id") long id) {
    return inventory.priceHistory(id);
  }

  /**
   * The valuation of a vehicle. The EJB applies the retry / circuit-breaker / fallback policy; this
   * outer timeout is the request's overall deadline (504 if even the fallback could not answer).
   */
  @GET
  @Path("{id: [0-9]{1,18}}/valuation")
  @Timeout(10_000)
  @Operation(
      summary = "Estimate a vehicle's value",
      description =
          "From the external valuation service, with retries, a circuit breaker and a fallback estimate; the overall deadline is 10 s.")
  @APIResponse(
      responseCode = "200",
      description = "The valuation",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ValuationView.class)))
  @Extension(name = ROLES, value = "sales manager admin")
  @Extension(name = API_KEY_SCOPES, value = "inventory:read")
  @Extension(name = PROBLEMS, value = "not-found")
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
