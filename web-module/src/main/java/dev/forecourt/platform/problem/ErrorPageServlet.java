package dev.forecourt.platform.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The web module's error page (web.xml's default {@code <error-page>}): an error the servlet
 * container answers inside the application, with {@code sendError} or an exception no JAX-RS mapper
 * saw (the default servlet's 404 or 403 for a path outside the API, a refused request), gets the
 * problem+json of its status instead of the container's HTML page. On Payara, the server-errors
 * valve would write the same; on WildFly, Undertow's servlet container writes HTML unless a
 * deployment names an error page. Nothing of the request is echoed: no detail, no instance.
 */
@WebServlet(name = "ErrorPage", urlPatterns = ErrorPageServlet.PATH)
public class ErrorPageServlet extends HttpServlet {

  static final String PATH = "/error-page";

  private static final long serialVersionUID = 1L;

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    // asked for directly (no error dispatch), the page does not exist
    int status =
        request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
                && code >= 400
            ? code
            : HttpServletResponse.SC_NOT_FOUND;
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    ProblemResponses.write(request, response, ProblemHttp.forStatus(status), status, null, null);
  }
}
