package dev.forecourt.identity.api;

import static dev.forecourt.platform.openapi.ApiDocumentFilter.PROBLEMS;
import static dev.forecourt.platform.openapi.ApiDocumentFilter.ROLES;

import dev.forecourt.identity.application.SingleSignOn;
import dev.forecourt.identity.application.SsoSettings;
import dev.forecourt.platform.web.Caching;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The console's single sign-on through the organisation's OpenID Connect provider (the one whose
 * tokens the API trusts), the authorization code flow with PKCE ({@link SingleSignOn}), over HTTP:
 * {@code login} sends the browser to the provider, the flow's {@code state} and code verifier
 * waiting in a short-lived {@code HttpOnly} cookie; {@code callback} completes the sign-on and
 * makes the provider's access token the console's session cookie. Whatever fails there sends the
 * browser back to the console's sign-in with {@code sso=failed} (the reason in the log only).
 */
@Path("/auth/sso")
@Tag(name = "identity")
public class SsoResource {

  /** The flow cookie: state and PKCE verifier, for ten minutes, sent only to this resource. */
  static final String FLOW_COOKIE = "forecourt-sso";

  private static final int FLOW_SECONDS = 600;
  private static final Logger LOG = Logger.getLogger(SsoResource.class.getName());

  @Inject SingleSignOn sso;
  @Context HttpServletRequest request;

  /** Whether the console offers single sign-on. */
  public record SsoStatus(boolean enabled) {}

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Whether the console offers single sign-on",
      description =
          "`enabled`: an OpenID Connect provider and the console's client are configured.")
  @APIResponse(responseCode = "200", description = "The status")
  @Extension(name = ROLES, value = "anonymous")
  public Response status() {
    return Response.ok(new SsoStatus(sso.enabled())).cacheControl(Caching.noStore()).build();
  }

  @GET
  @Path("/login")
  @Operation(
      summary = "Start the console's single sign-on",
      description =
          "Redirects (303) to the provider's authorization endpoint: authorization code flow with PKCE (S256) and `state`. 404 when single sign-on is not configured; 503 when the provider does not answer.")
  @APIResponse(responseCode = "303", description = "To the provider")
  @Extension(name = ROLES, value = "anonymous")
  @Extension(name = PROBLEMS, value = "not-found service-unavailable")
  public Response login() {
    if (!sso.enabled()) {
      throw new SsoUnavailable.NotConfigured();
    }
    SingleSignOn.Start start;
    try {
      start = sso.start(redirectUri());
    } catch (SingleSignOn.ProviderUnavailable e) {
      LOG.warning(() -> "Single sign-on cannot start: " + e.getMessage());
      throw new SsoUnavailable.ProviderDown();
    }
    return Response.seeOther(start.provider())
        .cookie(flowCookie(start.flow(), FLOW_SECONDS))
        .cacheControl(Caching.noStore())
        .build();
  }

  @GET
  @Path("/callback")
  @Operation(
      summary = "The provider's redirect back",
      description =
          "Checks `state`, redeems `code` with the PKCE verifier, sets the console's session cookie and redirects (303) to the console; on any failure to the console's sign-in with `sso=failed`.")
  @APIResponse(responseCode = "303", description = "To the console")
  @Extension(name = ROLES, value = "anonymous")
  public Response callback(
      @QueryParam("code") String code,
      @QueryParam("state") String state,
      @QueryParam("error") String error) {
    NewCookie spent = flowCookie("", 0);
    try {
      SingleSignOn.Session session =
          sso.finish(
              ConsoleSession.cookie(request, FLOW_COOKIE).orElse(null),
              code,
              state,
              error,
              redirectUri());
      return Response.seeOther(console(""))
          .cookie(spent)
          .cookie(
              ConsoleSession.providerSession(
                  request, session.accessToken(), session.lifetime(), session.refreshToken()))
          .cacheControl(Caching.noStore())
          .build();
    } catch (SingleSignOn.Failed e) {
      LOG.warning(() -> "Single sign-on refused: " + e.getMessage());
      return Response.seeOther(console("#/sign-in?sso=failed"))
          .cookie(spent)
          .cacheControl(Caching.noStore())
          .build();
    }
  }

  private NewCookie flowCookie(String value, int maxAge) {
    // Lax: the provider's redirect back is a top-level navigation from its site
    return ConsoleSession.cookie(
        request, FLOW_COOKIE, value, ConsoleSession.SSO_PATH, maxAge, NewCookie.SameSite.LAX);
  }

  private URI redirectUri() {
    return SsoSettings.REDIRECT_URI.find().orElseGet(() -> origin("/api/v1/auth/sso/callback"));
  }

  private URI console(String fragment) {
    return origin("/console/" + fragment);
  }

  private URI origin(String path) {
    String scheme = ConsoleSession.overTls(request) ? "https" : request.getScheme();
    String host = request.getHeader("Host");
    return URI.create(
        scheme
            + "://"
            + (host != null ? host : request.getServerName())
            + request.getContextPath()
            + path);
  }
}
