package dev.forecourt.integration.api;

import static dev.forecourt.platform.openapi.ApiDocumentFilter.API_KEY_SCOPES;
import static dev.forecourt.platform.openapi.ApiDocumentFilter.PROBLEMS;
import static dev.forecourt.platform.openapi.ApiDocumentFilter.ROLES;

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
 * Webhook subscriptions (admins, API keys with {@code webhooks:manage}): subscribe (the signing
 * secret is in that answer only), list, show, unsubscribe, and each subscriber's delivery log.
 */
@Path("/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "integration")
public class WebhookResource {

  @EJB WebhookService webhooks;

  @Context UriInfo uriInfo;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Subscribe a webhook",
      description =
          "Forecourt posts signed events (Standard Webhooks) to the URL; the signing secret is in this answer only.")
  @RequestBody(
      required = true,
      description = "The URL and the event types",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = WebhookDraft.class)))
  @APIResponse(
      responseCode = "201",
      description = "The subscription, with its secret",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = WebhookView.class)),
      headers =
          @Header(
              name = "Location",
              description = "The URL of the new resource",
              schema = @Schema(type = SchemaType.STRING)))
  @Extension(name = ROLES, value = "admin")
  @Extension(name = API_KEY_SCOPES, value = "webhooks:manage")
  @Extension(name = PROBLEMS, value = "validation-failed")
  public Response subscribe(WebhookDraft draft) {
    WebhookView created = webhooks.subscribe(draft);
    return Response.created(
            uriInfo.getAbsolutePathBuilder().path(Long.toString(created.id())).build())
        .entity(created)
        .cacheControl(Caching.noStore())
        .build();
  }

  @GET
  @Operation(summary = "List the webhook subscriptions")
  @APIResponse(
      responseCode = "200",
      description = "The subscriptions",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(type = SchemaType.ARRAY, implementation = WebhookView.class)))
  @Extension(name = ROLES, value = "admin")
  @Extension(name = API_KEY_SCOPES, value = "webhooks:manage")
  public List<WebhookView> list() {
    return webhooks.subscriptions();
  }

  @GET
  @Path("{id: [0-9]{1,18}}")
  @Operation(summary = "Read a webhook subscription")
  @APIResponse(
      responseCode = "200",
      description = "The subscription",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = WebhookView.class)))
  @Extension(name = ROLES, value = "admin")
  @Extension(name = API_KEY_SCOPES, value = "webhooks:manage")
  @Extension(name = PROBLEMS, value = "not-found")
  public WebhookView subscription(@PathParam("id") long id) {
    return webhooks.subscription(id);
  }

  @DELETE
  @Path("{id: [0-9]{1,18}}")
  @Operation(summary = "Unsubscribe a webhook")
  @APIResponse(responseCode = "204", description = "Unsubscribed")
  @Extension(name = ROLES, value = "admin")
  @Extension(name = API_KEY_SCOPES, value = "webhooks:manage")
  @Extension(name = PROBLEMS, value = "not-found")
  public Response unsubscribe(@PathParam("id") long id) {
    webhooks.unsubscribe(id);
    return Response.noContent().build();
  }

  /**
   * The delivery log, newest first: {@code limit} (50, at most 500) attempts before {@code cursor}.
   */
  @GET
  @Path("{id: [0-9]{1,18}}/deliveries")
  @Operation(
      summary = "A subscriber's delivery log",
      description =
          "Newest first: `limit` (50, at most 500) attempts before `cursor`; `Link: rel=\"next\"` for the next page.")
  @APIResponse(
      responseCode = "200",
      description = "Delivery attempts",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(type = SchemaType.ARRAY, implementation = DeliveryView.class)),
      headers =
          @Header(
              name = "Link",
              description = "rel=\"next\": the next page (absent on the last page)",
              schema = @Schema(type = SchemaType.STRING)))
  @Extension(name = ROLES, value = "admin")
  @Extension(name = API_KEY_SCOPES, value = "webhooks:manage")
  @Extension(name = PROBLEMS, value = "not-found invalid-parameter")
  public Response deliveries(
      @PathParam("id") long id,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    int size = QueryParams.limit(limit, 50, 500);
    List<DeliveryView> page = webhooks.deliveries(id, QueryParams.cursor(cursor), size);
    return QueryParams.page(uriInfo, page, size, DeliveryView::id);
  }
}
