package dev.forecourt.platform.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** An expected failure raised by a service or filter: its own type, detail and field errors. */
@Provider
public class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {

  @Context HttpServletRequest request;

  @Override
  public Response toResponse(ProblemException e) {
    return ProblemResponses.of(request, e);
  }
}
