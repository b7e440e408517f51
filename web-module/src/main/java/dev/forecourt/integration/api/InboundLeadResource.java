package dev.forecourt.integration.api;

import static dev.forecourt.platform.openapi.ApiDocumentFilter.PROBLEMS;
import static dev.forecourt.platform.openapi.ApiDocumentFilter.ROLES;

import dev.forecourt.integration.application.InboundLeads;
import dev.forecourt.integration.application.WebhookSignature;
import dev.forecourt.sales.application.LeadIntake;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
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
 * Leads pushed by marketplaces, authenticated by their signature (no token, no API key): 201 for a
 * new lead, 200 for a marketplace reference already received, 401 {@code invalid-signature}, 409
 * {@code replayed-message}.
 */
@Path("/integrations/leads/{source}")
@Tag(name = "integration")
public class InboundLeadResource {

  @EJB InboundLeads inbound;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Receive a lead from a marketplace",
      description =
          "Authenticated by the message signature (Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature` with the marketplace's shared secret), no token nor API key. 201 for a new lead, 200 for a marketplace reference already received; a repeated `webhook-id` is 409 `replayed-message`.")
  @RequestBody(
      required = true,
      description = "The marketplace's lead, as signed (JSON)",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema =
                  @Schema(
                      type = SchemaType.OBJECT,
                      description = "The lead in the marketplace's format")))
  @APIResponse(
      responseCode = "201",
      description = "The lead was created",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = InboundLeadReceipt.class)),
      headers =
          @Header(
              name = "Location",
              description = "The URL of the new resource",
              schema = @Schema(type = SchemaType.STRING)))
  @APIResponse(
      responseCode = "200",
      description = "The marketplace reference was already received",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = InboundLeadReceipt.class)))
  @Extension(name = ROLES, value = "anonymous")
  @Extension(
      name = PROBLEMS,
      value = "not-found invalid-signature replayed-message validation-failed")
  public Response receive(
      @PathParam("source") String source,
      @HeaderParam(WebhookSignature.ID_HEADER) String id,
      @HeaderParam(WebhookSignature.TIMESTAMP_HEADER) String timestamp,
      @HeaderParam(WebhookSignature.SIGNATURE_HEADER) String signature,
      byte[] body) {
    LeadIntake.Received received =
        inbound.receive(source, id, timestamp, signature, body == null ? new byte[0] : body);
    InboundLeadReceipt answer = new InboundLeadReceipt(received.lead().id(), received.created());
    if (!received.created()) {
      return Response.ok(answer).build();
    }
    return Response.created(UriBuilder.fromPath("/api/v1/leads/{id}").build(received.lead().id()))
        .entity(answer)
        .build();
  }
}
