package dev.forecourt.platform.web;

import static dev.forecourt.platform.openapi.ApiDocumentFilter.ROLES;

import dev.forecourt.platform.sla.SlaReport;
import dev.forecourt.platform.sla.SlaReport.SlaView;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The service-level objectives and how this node and the cluster meet them (admins). */
@Path("/admin/sla")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
public class SlaResource {

  @EJB SlaReport report;

  @GET
  @Operation(
      summary = "SLA: objectives, this node's figures, the error budget, incidents",
      description =
          "The availability, latency (p99) and error-rate objectives; this node's answers over the objectives' sliding window (`forecourt.sla.window`) and over the last hour, each objective met, breached or unjudged (too few answers); the cluster's 30-day error budget; the latest 20 incidents of every node (an incident opens with the `sla.violated` webhook and closes with `sla.recovered`).")
  @APIResponse(
      responseCode = "200",
      description = "The SLA report",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = SlaView.class)))
  @Extension(name = ROLES, value = "admin")
  public SlaView report() {
    return report.report();
  }
}
