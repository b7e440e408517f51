package dev.forecourt.server.errors;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import org.apache.catalina.Request;
import org.apache.catalina.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * The virtual server's error report valve (property {@code errorReportValve}): where Payara's
 * {@code ErrorReportValve} writes its HTML page naming the server and version (an error status
 * without a body, e.g. a 404 of the default servlet or a 501 for an unknown method), this writes
 * {@link ServerProblems}' problem+json and the security headers. Answers that already have a body
 * (the application's own problems) are left alone.
 */
public final class ProblemErrorReportValve extends ValveBase {

  @Override
  public String getInfo() {
    return "dev.forecourt.server.errors.ProblemErrorReportValve/1.0";
  }

  @Override
  public int invoke(Request request, Response response) throws IOException, ServletException {
    return INVOKE_NEXT;
  }

  @Override
  public void postInvoke(Request request, Response response) throws IOException, ServletException {
    // the connector's response itself (as Payara's ErrorReportValve does): its facade counts a
    // response as committed once sendError was called and would ignore every header set here
    HttpServletResponse http = (HttpServletResponse) response;
    if (http.isCommitted()) {
      return;
    }
    HttpServletRequest req = (HttpServletRequest) request;
    Throwable failure = (Throwable) req.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    int status = http.getStatus();
    if (failure != null) {
      response.setError();
      status = HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
    } else if (status < 400 || response.getContentCount() > 0) {
      return;
    }
    try {
      http.resetBuffer();
    } catch (IllegalStateException e) {
      return;
    }
    response.setSuspended(false);
    http.setStatus(status);
    http.setHeader("X-Powered-By", null);
    for (Map.Entry<String, String> h : ServerProblems.headers().entrySet()) {
      http.setHeader(h.getKey(), h.getValue());
    }
    http.setHeader("Content-Language", null);
    http.setContentType(ServerProblems.PROBLEM_JSON);
    http.setCharacterEncoding("UTF-8");
    Writer writer = response.getReporter();
    if (writer != null) {
      writer.write(ServerProblems.json(status));
      writer.flush();
    }
  }
}
