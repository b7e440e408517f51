package dev.forecourt.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * How the web console's files are cached: a library under {@code /console/lib/<name>/<version>/}
 * names its version in its path, so it is kept for a year and never revalidated; the console's own
 * page, scripts and styles change with each release at the same path, so the browser revalidates
 * them (the server's ETag / Last-Modified answer 304 when unchanged).
 */
@WebFilter(filterName = "ConsoleCaching", urlPatterns = "/console/*")
public class ConsoleCaching extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    response.setHeader(
        "Cache-Control",
        path.startsWith("/console/lib/") ? "public, max-age=31536000, immutable" : "no-cache");
    chain.doFilter(request, response);
  }
}
