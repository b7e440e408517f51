package dev.forecourt.integration.api;

import dev.forecourt.integration.application.DeliveryView;
import dev.forecourt.integration.application.WebhookDraft;
import dev.forecourt.integration.application.WebhookService;
import dev.forecourt.integration.application.WebhookView;
import dev.forecourt.platform.web.Caching;
import dev.forecourt.platform.web.QueryParams;
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
import java.util.List;

/**
 * Webhook subscriptions (admins, API keys with {@code webhooks:manage}): subscribe (the signing
 * secret is in that answer only), list, show, unsubscribe, and each subscriber's delivery log.
 */
@Path("/webhooks")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

  @EJB WebhookService webhooks;

  @Context UriInfo uriInfo;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response subscribe(WebhookDraft draft) {
    WebhookView created = webhooks.subscribe(draft);
    return Response.created(uriInfo.getAbsolutePathBuilder().path(Long.toString(created.id())).build())
        .entity(created).cacheControl(Caching.noStore()).build();
  }

  @GET
  public List<WebhookView> list() {
    return webhooks.subscriptions();
  }

  @GET
  @Path("{id: [0-9]{1,18}}")
  public WebhookView subscription(@PathParam("id") long id) {
    return webhooks.subscription(id);
  }

  @DELETE
  @Path("{id: [0-9]{1,18}}")
  public Response unsubscribe(@PathParam("id") long id) {
    webhooks.unsubscribe(id);
    return Response.noContent().build();
  }

  /** The delivery log, newest first: {@code limit} (50, at most 500) attempts before {@code cursor}. */
  @GET
  @Path("{id: [0-9]{1,18}}/deliveries")
  public Response deliveries(@PathParam("id") long id, @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    int size = QueryParams.limit(limit, 50, 500);
    List<DeliveryView> page = webhooks.deliveries(id, QueryParams.cursor(cursor), size);
    return QueryParams.page(uriInfo, page, size, DeliveryView::id);
  }
}
