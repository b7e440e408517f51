package dev.forecourt.platform.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A body that could not be read as JSON of the expected shape: 400, without the parser's message.
 */
@Provider
public class MalformedBodyMapper implements ExceptionMapper<ProcessingException> {

  @Context HttpServletRequest request;

  @Override
  public Response toResponse(ProcessingException e) {
    return ProblemResponses.malformedBody(request);
  }
}
