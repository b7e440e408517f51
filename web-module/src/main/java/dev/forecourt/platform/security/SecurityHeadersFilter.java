package dev.forecourt.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Security headers on every response of the application, errors included: they are set before the
 * request is handled, so no code path can answer without them. The API documentation page ({@value
 * #DOCS}, Swagger UI) gets a policy that lets it load its own scripts, styles and images and call
 * this origin; scripts still only from files of this origin (no inline script, no eval). The web
 * console ({@value #CONSOLE}) gets one without any 'unsafe-' source: its scripts, styles, images,
 * manifest and service worker from files of this origin, its calls to this origin, forms posted
 * only here.
 */
@WebFilter(filterName = "SecurityHeadersFilter", urlPatterns = "/*", asyncSupported = true)
public class SecurityHeadersFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  /** Where Swagger UI is served. */
  static final String DOCS = "/api/docs";

  /** Where the web console is served. */
  static final String CONSOLE = "/console";

  private static final String API_POLICY =
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  /** Swagger UI sets style attributes from its scripts, hence 'unsafe-inline' for styles only. */
  private static final String DOCS_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
          + "img-src 'self' data:; connect-src 'self'; font-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  private static final String CONSOLE_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
          + "connect-src 'self'; font-src 'self'; manifest-src 'self'; worker-src 'self'; "
          + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    response.setHeader(
        "Content-Security-Policy",
        under(path, DOCS) ? DOCS_POLICY : under(path, CONSOLE) ? CONSOLE_POLICY : API_POLICY);
    response.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader(
        "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
    response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    chain.doFilter(request, response);
  }

  private static boolean under(String path, String root) {
    return path.equals(root) || path.startsWith(root + "/");
  }
}
