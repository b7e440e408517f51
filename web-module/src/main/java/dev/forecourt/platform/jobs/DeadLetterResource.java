package dev.forecourt.platform.jobs;

import static dev.forecourt.platform.openapi.ApiDocumentFilter.PROBLEMS;
import static dev.forecourt.platform.openapi.ApiDocumentFilter.ROLES;

import dev.forecourt.platform.problem.ProblemException;
import jakarta.ejb.EJB;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The dead letter queue (admins): jobs that ran out of attempts with their last error ({@code
 * ?queue=events|webhooks} to filter); redeliver one to its queue, or discard it.
 */
@Path("/admin/dlq")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
public class DeadLetterResource {

  @EJB DeadLetters deadLetters;

  @GET
  @Operation(
      summary = "List the dead letters",
      description =
          "Jobs that ran out of attempts, with their last error; `queue` (events or webhooks) filters.")
  @APIResponse(
      responseCode = "200",
      description = "The dead letters",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(type = SchemaType.ARRAY, implementation = DeadLetterView.class)))
  @Extension(name = ROLES, value = "admin")
  @Extension(name = PROBLEMS, value = "invalid-parameter")
  public List<DeadLetterView> list(@QueryParam("queue") String queue) {
    JobQueue filter = null;
    if (queue != null) {
      filter =
          JobQueue.of(queue)
              .orElseThrow(
                  () ->
                      ProblemException.invalidParameter(
                          "queue",
                          "must be one of "
                              + Arrays.stream(JobQueue.values()).map(JobQueue::id).toList()));
    }
    return deadLetters.list(filter);
  }

  @POST
  @Path("{jobId}/redeliver")
  @Operation(summary = "Redeliver a dead letter to its queue")
  @APIResponse(
      responseCode = "200",
      description = "The job, queued again",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = DeadLetterView.class)))
  @Extension(name = ROLES, value = "admin")
  @Extension(name = PROBLEMS, value = "not-found conflict")
  public DeadLetterView redeliver(@PathParam("jobId") String jobId) {
    return deadLetters.redeliver(jobId);
  }

  @DELETE
  @Path("{jobId}")
  @Operation(summary = "Discard a dead letter")
  @APIResponse(responseCode = "204", description = "Discarded")
  @Extension(name = ROLES, value = "admin")
  @Extension(name = PROBLEMS, value = "not-found conflict")
  public Response discard(@PathParam("jobId") String jobId) {
    deadLetters.discard(jobId);
    return Response.noContent().build();
  }
}
