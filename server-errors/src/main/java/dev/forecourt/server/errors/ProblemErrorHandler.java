package dev.forecourt.server.errors;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.nio.ByteBuffer;

/**
 * WildFly's counterpart of {@link ProblemErrorReportValve}: an Undertow filter (installed as the
 * host's {@code custom-filter} by {@code server-config/wildfly/forecourt.cli}, from the JBoss
 * module {@code dev.forecourt.server-errors}) that gives an answer the server ends without a body
 * (a path no deployment serves, a refusal of a handler in front of the application) the same
 * problem+json, security headers and no server name as on Payara, where Undertow would write its
 * HTML error page.
 *
 * <p>It registers a default response listener, which Undertow calls when an exchange ends before
 * any byte of the answer was written; a deployment's own answers (the application's problem+json)
 * are never touched. Listeners run last-registered first: this filter is inside the server's {@code
 * SimpleErrorPageHandler}, so it answers before that HTML page would, and a servlet deployment's
 * own listener (inside this filter) still goes first for requests that reach it. Requests
 * Undertow's HTTP parser refuses (a malformed request line, a header over {@code max-header-size},
 * no Host) never reach a handler: Undertow answers them with an empty body and closes the
 * connection.
 */
public final class ProblemErrorHandler implements HttpHandler {

  private static final HttpString X_POWERED_BY = new HttpString("X-Powered-By");

  private final HttpHandler next;

  public ProblemErrorHandler(HttpHandler next) {
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    exchange.addDefaultResponseListener(ProblemErrorHandler::problem);
    next.handleRequest(exchange);
  }

  private static boolean problem(HttpServerExchange exchange) {
    int status = exchange.getStatusCode();
    if (status < 400 || exchange.isResponseStarted()) {
      return false;
    }
    byte[] body = ServerProblems.jsonBytes(status);
    HeaderMap headers = exchange.getResponseHeaders();
    headers.remove(Headers.SERVER);
    headers.remove(X_POWERED_BY);
    ServerProblems.headers().forEach((name, value) -> headers.put(new HttpString(name), value));
    headers.put(Headers.CONTENT_TYPE, ServerProblems.PROBLEM_JSON);
    headers.put(Headers.CONTENT_LENGTH, body.length);
    exchange.setReasonPhrase(ServerProblems.reason(status));
    exchange.getResponseSender().send(ByteBuffer.wrap(body));
    return true;
  }
}
