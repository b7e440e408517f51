package dev.forecourt.sales.api;

import static dev.forecourt.platform.openapi.ApiDocumentFilter.API_KEY_SCOPES;
import static dev.forecourt.platform.openapi.ApiDocumentFilter.PROBLEMS;
import static dev.forecourt.platform.openapi.ApiDocumentFilter.ROLES;

import dev.forecourt.platform.web.Export;
import dev.forecourt.platform.web.QueryParams;
import dev.forecourt.platform.web.Versions;
import dev.forecourt.sales.application.ActivityDraft;
import dev.forecourt.sales.application.ActivityView;
import dev.forecourt.sales.application.Assignment;
import dev.forecourt.sales.application.LeadDraft;
import dev.forecourt.sales.application.LeadSearch;
import dev.forecourt.sales.application.LeadService;
import dev.forecourt.sales.application.LeadTransition;
import dev.forecourt.sales.application.LeadView;
import dev.forecourt.sales.domain.LeadStatus;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import java.util.function.Function;
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
 * Leads and their funnel. {@code POST /leads} honours {@code Idempotency-Key}; reads carry the
 * lead's ETag (its version), which transitions and assignments must send back in If-Match. Bodies
 * are validated by the EJB, after its role check.
 */
@Path("leads")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sales")
public class LeadResource {

  static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;
  private static final String[] EXPORT_COLUMNS = {
    "id",
    "customer_id",
    "dealership",
    "vehicle_id",
    "source",
    "status",
    "lost_reason",
    "assigned_to",
    "created_at",
    "updated_at",
    "version"
  };

  @EJB LeadService leads;

  @Context UriInfo uriInfo;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Create a lead",
      description =
          "Honours `Idempotency-Key`: a repeat of the same request answers the first answer.")
  @RequestBody(
      required = true,
      description = "The lead",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = LeadDraft.class)))
  @APIResponse(
      responseCode = "201",
      description = "The lead",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = LeadView.class)),
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
  @Extension(name = API_KEY_SCOPES, value = "leads:write")
  @Extension(
      name = PROBLEMS,
      value =
          "validation-failed not-found invalid-parameter idempotency-conflict idempotency-key-reused")
  public Response create(@HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey, LeadDraft draft) {
    LeadView lead = leads.create(draft, idempotencyKey);
    return Response.created(
            uriInfo.getBaseUriBuilder().path("leads").path(Long.toString(lead.id())).build())
        .tag(Versions.etag(lead.version()))
        .entity(lead)
        .build();
  }

  @GET
  @Operation(
      summary = "Search leads",
      description =
          "By status, dealership and assignee; newest first; keyset-paginated (`limit` up to 100, `Link: rel=\"next\"`).")
  @APIResponse(
      responseCode = "200",
      description = "A page of leads",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(type = SchemaType.ARRAY, implementation = LeadView.class)),
      headers =
          @Header(
              name = "Link",
              description = "rel=\"next\": the next page (absent on the last page)",
              schema = @Schema(type = SchemaType.STRING)))
  @Extension(name = ROLES, value = "sales manager admin")
  @Extension(name = PROBLEMS, value = "invalid-parameter")
  public Response search(
      @QueryParam("status") String status,
      @QueryParam("dealership") String dealership,
      @QueryParam("assignedTo") String assignedTo,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    int size = QueryParams.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
    List<LeadView> page =
        leads.search(
            new LeadSearch(
                QueryParams.enumValue("status", status, LeadStatus.class),
                QueryParams.text(dealership),
                QueryParams.text(assignedTo),
                QueryParams.cursor(cursor),
                size));
    return QueryParams.page(uriInfo, page, size, LeadView::id);
  }

  @GET
  @Path("export")
  @Produces({Export.CSV, Export.NDJSON})
  @Operation(
      summary = "Export leads",
      description =
          "Every lead the filters match (status, dealership, assignedTo; the caller's dealerships), newest first: CSV (`Accept: text/csv`) or NDJSON (`Accept: application/x-ndjson`, one lead per line). Streamed page by page as it is read, never held whole.")
  @APIResponse(
      responseCode = "200",
      description = "The leads",
      content = {
        @Content(mediaType = Export.CSV, schema = @Schema(type = SchemaType.STRING)),
        @Content(mediaType = Export.NDJSON, schema = @Schema(implementation = LeadView.class))
      })
  @Extension(name = ROLES, value = "sales manager admin")
  @Extension(name = PROBLEMS, value = "invalid-parameter")
  public Response export(
      @QueryParam("status") String status,
      @QueryParam("dealership") String dealership,
      @QueryParam("assignedTo") String assignedTo,
      @HeaderParam(HttpHeaders.ACCEPT) String accept) {
    LeadStatus state = QueryParams.enumValue("status", status, LeadStatus.class);
    String code = QueryParams.text(dealership);
    String assignee = QueryParams.text(assignedTo);
    Function<Long, List<LeadView>> before =
        id -> leads.search(new LeadSearch(state, code, assignee, id, MAX_LIMIT));
    return Export.of(
        accept,
        "forecourt-leads",
        EXPORT_COLUMNS,
        LeadResource::exportRow,
        Export.Pages.keyset(before.apply(null), MAX_LIMIT, LeadView::id, before::apply));
  }

  private static Object[] exportRow(LeadView l) {
    return new Object[] {
      l.id(),
      l.customerId(),
      l.dealershipCode(),
      l.vehicleId(),
      l.source(),
      l.status(),
      l.lostReason(),
      l.assignedTo(),
      l.createdAt(),
      l.updatedAt(),
      l.version()
    };
  }

  @GET
  @Path("{id: [0-9]{1,18}}")
  @Operation(summary = "Read a lead")
  @APIResponse(
      responseCode = "200",
      description = "The lead",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = LeadView.class)),
      headers =
          @Header(
              name = "ETag",
              description = "The version, to send back in If-Match",
              schema = @Schema(type = SchemaType.STRING)))
  @Extension(name = ROLES, value = "sales manager admin")
  @Extension(name = PROBLEMS, value = "not-found")
  public Response read(@PathParam("id") long id) {
    LeadView lead = leads.lead(id);
    return Response.ok(lead).tag(Versions.etag(lead.version())).build();
  }

  /**
   * Moves the lead to another stage; 409 {@code illegal-transition} (with {@code allowed}) when it
   * may not. Needs the lead's ETag in If-Match (428 without, 412 when stale).
   */
  @POST
  @Path("{id: [0-9]{1,18}}/transitions")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Move a lead to another stage",
      description =
          "409 `illegal-transition` (with the `allowed` stages) when the funnel does not allow it.")
  @RequestBody(
      required = true,
      description = "The target stage",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = LeadTransition.class)))
  @APIResponse(
      responseCode = "200",
      description = "The lead, moved",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = LeadView.class)))
  @Extension(name = ROLES, value = "sales manager admin")
  @Extension(
      name = PROBLEMS,
      value =
          "not-found validation-failed illegal-transition conflict precondition-required precondition-failed")
  public Response transition(
      @PathParam("id") long id,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      LeadTransition transition) {
    return tagged(leads.transition(id, Versions.expected(ifMatch, "lead"), transition));
  }

  @POST
  @Path("{id: [0-9]{1,18}}/activities")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Log an activity on a lead")
  @RequestBody(
      required = true,
      description = "The activity",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ActivityDraft.class)))
  @APIResponse(
      responseCode = "201",
      description = "The activity",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ActivityView.class)))
  @Extension(name = ROLES, value = "sales manager admin")
  @Extension(name = PROBLEMS, value = "not-found validation-failed")
  public Response addActivity(@PathParam("id") long id, ActivityDraft activity) {
    ActivityView added = leads.addActivity(id, activity);
    return Response.status(Response.Status.CREATED).entity(added).build();
  }

  @GET
  @Path("{id: [0-9]{1,18}}/activities")
  @Operation(summary = "List a lead's activities")
  @APIResponse(
      responseCode = "200",
      description = "The activities",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(type = SchemaType.ARRAY, implementation = ActivityView.class)))
  @Extension(name = ROLES, value = "sales manager admin")
  @Extension(name = PROBLEMS, value = "not-found")
  public List<ActivityView> activities(@PathParam("id") long id) {
    return leads.activities(id);
  }

  /** Assigns the lead; needs its ETag in If-Match (428 without, 412 when stale). */
  @PUT
  @Path("{id: [0-9]{1,18}}/assignee")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Assign a lead to a salesperson")
  @RequestBody(
      required = true,
      description = "The assignee",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = Assignment.class)))
  @APIResponse(
      responseCode = "200",
      description = "The lead, assigned",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = LeadView.class)))
  @Extension(name = ROLES, value = "manager admin")
  @Extension(
      name = PROBLEMS,
      value = "not-found validation-failed conflict precondition-required precondition-failed")
  public Response assign(
      @PathParam("id") long id,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      Assignment assignment) {
    return tagged(leads.assign(id, Versions.expected(ifMatch, "lead"), assignment));
  }

  private static Response tagged(LeadView lead) {
    return Response.ok(lead).tag(Versions.etag(lead.version())).build();
  }
}
