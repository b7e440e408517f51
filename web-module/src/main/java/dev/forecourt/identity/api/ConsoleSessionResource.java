package dev.forecourt.identity.api;

import static dev.forecourt.platform.openapi.ApiDocumentFilter.PROBLEMS;
import static dev.forecourt.platform.openapi.ApiDocumentFilter.ROLES;

import dev.forecourt.identity.application.AuthService;
import dev.forecourt.identity.application.InvalidTokenException;
import dev.forecourt.identity.application.SingleSignOn;
import dev.forecourt.identity.application.TokenPair;
import dev.forecourt.identity.application.TokenSettings;
import dev.forecourt.identity.application.TokenVerifier;
import dev.forecourt.platform.problem.SignInRequired;
import dev.forecourt.platform.security.TokenPrincipal;
import dev.forecourt.platform.web.Caching;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The web console's cookie session ({@link ConsoleSession}): sign in with a local account (the
 * second factor included), read the session (and its CSRF token), refresh it, sign out. The tokens
 * are those of {@code POST /auth/login}; here they travel in {@code HttpOnly} cookies, never in a
 * body the page's scripts could read.
 */
@Path("/auth/session")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "identity")
public class ConsoleSessionResource {

  private static final Logger LOG = Logger.getLogger(ConsoleSessionResource.class.getName());

  @EJB AuthService auth;
  @Inject TokenVerifier tokens;
  @Inject SingleSignOn sso;
  @Inject TokenSettings settings;
  @Context HttpServletRequest request;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Sign in to the console with a local account",
      description =
          "As `POST /auth/login` (the second factor and the lockout included), but the tokens are set as `HttpOnly`, `SameSite=Strict` cookies; the answer is the caller and the session's CSRF token, to send as `X-CSRF-Token` with every request that changes state.")
  @RequestBody(
      required = true,
      description = "Username, password and, once enabled, the one-time code",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = Credentials.class)))
  @APIResponse(
      responseCode = "200",
      description = "The session",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = SessionView.class)))
  @Extension(name = ROLES, value = "anonymous")
  @Extension(
      name = PROBLEMS,
      value = "validation-failed authentication-failed totp-required login-locked")
  public Response signIn(@NotNull @Valid Credentials credentials) {
    return started(auth.login(credentials.username(), credentials.password(), credentials.totp()));
  }

  @GET
  @Operation(
      summary = "The console session",
      description =
          "The caller of the session cookie and the session's CSRF token. An expired access token is renewed with the refresh cookie (new cookies); 401 `unauthenticated` without a session.")
  @APIResponse(
      responseCode = "200",
      description = "The session",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = SessionView.class)))
  @Extension(name = ROLES, value = "anonymous")
  @Extension(name = PROBLEMS, value = "unauthenticated invalid-token")
  public Response current(@Context SecurityContext security) {
    String cookie = ConsoleSession.token(request).orElse(null);
    if (cookie != null
        && request.getHeader("Authorization") == null
        && security.getUserPrincipal() instanceof JsonWebToken caller) {
      return Response.ok(view(caller, cookie)).cacheControl(Caching.noStore()).build();
    }
    // no valid access token: the refresh cookie, if any, renews the session
    return renewed();
  }

  @POST
  @Path("/refresh")
  @Operation(
      summary = "Refresh the console session",
      description =
          "Uses up the refresh cookie and sets new cookies (rotating, as `POST /auth/refresh`); needs the session's `X-CSRF-Token`.")
  @APIResponse(
      responseCode = "200",
      description = "The renewed session",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = SessionView.class)))
  @Extension(name = ROLES, value = "anonymous")
  @Extension(name = PROBLEMS, value = "unauthenticated invalid-token csrf-token-invalid")
  public Response refresh() {
    return renewed();
  }

  @DELETE
  @Operation(
      summary = "Sign out of the console",
      description =
          "Revokes the refresh token and clears the cookies; needs the session's `X-CSRF-Token`.")
  @APIResponse(responseCode = "204", description = "Signed out")
  @Extension(name = ROLES, value = "anonymous")
  @Extension(name = PROBLEMS, value = "csrf-token-invalid")
  public Response signOut() {
    ConsoleSession.refreshToken(request).ifPresent(auth::logout);
    return Response.noContent()
        .cookie(ConsoleSession.cleared(request))
        .cacheControl(Caching.noStore())
        .build();
  }

  /**
   * The session renewed by its refresh cookie: a local one by this application, one opened by
   * single sign-on by the provider (while the provider's own session lasts); without either, or
   * refused, 401 (sign in again).
   */
  private Response renewed() {
    Optional<String> local = ConsoleSession.refreshToken(request);
    if (local.isPresent()) {
      return started(auth.refresh(local.get()));
    }
    String providers = ConsoleSession.ssoRefreshToken(request).orElseThrow(SignInRequired::new);
    SingleSignOn.Session session;
    try {
      session = sso.renew(providers);
    } catch (SingleSignOn.Failed e) {
      LOG.info(() -> "A single sign-on session was not renewed: " + e.getMessage());
      throw new SignInRequired();
    }
    return Response.ok(view(verified(session.accessToken()), session.accessToken()))
        .cookie(
            ConsoleSession.providerSession(
                request, session.accessToken(), session.lifetime(), session.refreshToken()))
        .cacheControl(Caching.noStore())
        .build();
  }

  private Response started(TokenPair pair) {
    return Response.ok(view(verified(pair.accessToken()), pair.accessToken()))
        .cookie(
            ConsoleSession.cookies(
                request, pair.accessToken(), pair.refreshToken(), settings.refreshTokenLifetime()))
        .cacheControl(Caching.noStore())
        .build();
  }

  /**
   * A token this node just issued or the provider just renewed, verified. (A Principal, not a
   * TokenPrincipal, as the declared type: OpenApiIT reflects on this class, and its class path has
   * no MP-JWT API, which TokenPrincipal implements.)
   */
  private Principal verified(String accessToken) {
    try {
      return tokens.verify(accessToken);
    } catch (InvalidTokenException e) {
      throw new IllegalStateException("A token just issued or renewed does not verify", e);
    }
  }

  /** (A Principal, not a JsonWebToken, in the signature: the OpenAPI test reflects on it.) */
  private static SessionView view(Principal principal, String sessionToken) {
    JsonWebToken caller = (JsonWebToken) principal;
    long expiresIn = Math.max(0, caller.getExpirationTime() - Instant.now().getEpochSecond());
    return new SessionView(
        caller.getName(),
        caller.getGroups(),
        caller instanceof TokenPrincipal p ? p.dealerships() : null,
        caller.getIssuer(),
        ConsoleSession.csrfToken(sessionToken),
        expiresIn);
  }
}
