package dev.forecourt.platform.jobs;

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

/**
 * The dead letter queue (admins): jobs that ran out of attempts with their last error
 * ({@code ?queue=events|webhooks} to filter); redeliver one to its queue, or discard it.
 */
@Path("/admin/dlq")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLetterResource {

  @EJB DeadLetters deadLetters;

  @GET
  public List<DeadLetterView> list(@QueryParam("queue") String queue) {
    JobQueue filter = null;
    if (queue != null) {
      filter = JobQueue.of(queue).orElseThrow(() -> ProblemException.invalidParameter("queue",
          "must be one of " + Arrays.stream(JobQueue.values()).map(JobQueue::id).toList()));
    }
    return deadLetters.list(filter);
  }

  @POST
  @Path("{jobId}/redeliver")
  public DeadLetterView redeliver(@PathParam("jobId") String jobId) {
    return deadLetters.redeliver(jobId);
  }

  @DELETE
  @Path("{jobId}")
  public Response discard(@PathParam("jobId") String jobId) {
    deadLetters.discard(jobId);
    return Response.noContent().build();
  }
}
