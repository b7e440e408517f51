package dev.forecourt.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * CORS for the origins in {@code forecourt.cors.allowed-origins} (comma-separated, exact match;
 * none by default): their preflights are answered here, their responses get the CORS headers. Any
 * other origin gets no CORS header at all, so browsers keep it out.
 */
@WebFilter(filterName = "CorsFilter", urlPatterns = "/api/*", asyncSupported = true)
public class CorsFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  private List<String> allowedOrigins = List.of();

  @Override
  public void init() {
    allowedOrigins = SecuritySettings.CORS_ALLOWED_ORIGINS.find().orElse(List.of());
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String origin = request.getHeader("Origin");
    if (origin == null || !allowedOrigins.contains(origin)) {
      chain.doFilter(request, response);
      return;
    }
    response.setHeader("Access-Control-Allow-Origin", origin);
    response.addHeader("Vary", "Origin");
    if ("OPTIONS".equals(request.getMethod())
        && request.getHeader("Access-Control-Request-Method") != null) {
      response.setHeader("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS");
      response.setHeader(
          "Access-Control-Allow-Headers",
          "Authorization, Content-Type, If-Match, If-None-Match, Idempotency-Key, X-Correlation-Id");
      response.setHeader("Access-Control-Max-Age", "600");
      response.setStatus(HttpServletResponse.SC_NO_CONTENT);
      return;
    }
    response.setHeader(
        "Access-Control-Expose-Headers",
        "ETag, Link, Location, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, X-Correlation-Id");
    chain.doFilter(request, response);
  }
}
