package dev.forecourt.platform.problem;

import jakarta.json.bind.JsonbException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * JSON-B could not bind the body (syntax error, wrong value type): 400, without the binder's
 * message.
 */
@Provider
public class JsonbExceptionMapper implements ExceptionMapper<JsonbException> {

  @Context HttpServletRequest request;

  @Override
  public Response toResponse(JsonbException e) {
    return ProblemResponses.malformedBody(request);
  }
}
