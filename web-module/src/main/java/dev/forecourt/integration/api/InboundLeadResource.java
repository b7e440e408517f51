package dev.forecourt.integration.api;

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
import java.util.Map;

/**
 * Leads pushed by marketplaces, authenticated by their signature (no token, no API key): 201 for a
 * new lead, 200 for a marketplace reference already received, 401 {@code invalid-signature}, 409
 * {@code replayed-message}.
 */
@Path("/integrations/leads/{source}")
public class InboundLeadResource {

  @EJB InboundLeads inbound;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response receive(@PathParam("source") String source,
      @HeaderParam(WebhookSignature.ID_HEADER) String id,
      @HeaderParam(WebhookSignature.TIMESTAMP_HEADER) String timestamp,
      @HeaderParam(WebhookSignature.SIGNATURE_HEADER) String signature,
      byte[] body) {
    LeadIntake.Received received = inbound.receive(source, id, timestamp, signature, body == null ? new byte[0] : body);
    Map<String, Object> answer = Map.of("leadId", received.lead().id(), "created", received.created());
    if (!received.created()) {
      return Response.ok(answer).build();
    }
    return Response.created(UriBuilder.fromPath("/api/v1/leads/{id}").build(received.lead().id())).entity(answer).build();
  }
}
