package dev.forecourt.sales.api;

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
import jakarta.enterprise.context.RequestScoped;
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

/**
 * Leads and their funnel. {@code POST /leads} honours {@code Idempotency-Key}; reads carry the
 * lead's ETag (its version), which transitions and assignments must send back in If-Match. Bodies
 * are validated by the EJB, after its role check.
 */
@Path("leads")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class LeadResource {

  static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  private static final int DEFAULT_LIMIT = 20;
  private static final int MAX_LIMIT = 100;

  @EJB LeadService leads;

  @Context UriInfo uriInfo;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(@HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey, LeadDraft draft) {
    LeadView lead = leads.create(draft, idempotencyKey);
    return Response.created(uriInfo.getBaseUriBuilder().path("leads").path(Long.toString(lead.id())).build())
        .tag(Versions.etag(lead.version())).entity(lead).build();
  }

  @GET
  public Response search(@QueryParam("status") String status, @QueryParam("dealership") String dealership,
      @QueryParam("assignedTo") String assignedTo, @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    int size = QueryParams.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
    List<LeadView> page = leads.search(new LeadSearch(QueryParams.enumValue("status", status, LeadStatus.class),
        QueryParams.text(dealership), QueryParams.text(assignedTo), QueryParams.cursor(cursor), size));
    return QueryParams.page(uriInfo, page, size, LeadView::id);
  }

  @GET
  @Path("{id: [0-9]{1,18}}")
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
  public Response transition(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      LeadTransition transition) {
    return tagged(leads.transition(id, Versions.expected(ifMatch, "lead"), transition));
  }

  @POST
  @Path("{id: [0-9]{1,18}}/activities")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response addActivity(@PathParam("id") long id, ActivityDraft activity) {
    ActivityView added = leads.addActivity(id, activity);
    return Response.status(Response.Status.CREATED).entity(added).build();
  }

  @GET
  @Path("{id: [0-9]{1,18}}/activities")
  public List<ActivityView> activities(@PathParam("id") long id) {
    return leads.activities(id);
  }

  /** Assigns the lead; needs its ETag in If-Match (428 without, 412 when stale). */
  @PUT
  @Path("{id: [0-9]{1,18}}/assignee")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response assign(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      Assignment assignment) {
    return tagged(leads.assign(id, Versions.expected(ifMatch, "lead"), assignment));
  }

  private static Response tagged(LeadView lead) {
    return Response.ok(lead).tag(Versions.etag(lead.version())).build();
  }
}
