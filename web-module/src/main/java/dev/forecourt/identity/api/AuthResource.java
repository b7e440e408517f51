package dev.forecourt.identity.api;

import dev.forecourt.identity.application.AuthService;
import dev.forecourt.identity.application.PasswordResetService;
import dev.forecourt.identity.application.SigningKeys;
import dev.forecourt.identity.application.TwoFactorService;
import dev.forecourt.platform.web.Caching;
import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;
import jakarta.ejb.EJB;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Local accounts: login (with a second factor once it is on), refresh (rotating), logout, the
 * caller's identity, TOTP enrolment, password reset by mail, and the JWKS that verifies
 * Forecourt's own access tokens.
 */
@Path("/auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

  @EJB AuthService auth;
  @EJB SigningKeys keys;
  @EJB TwoFactorService twoFactor;
  @EJB PasswordResetService passwordReset;

  @POST
  @Path("/login")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response login(@NotNull @Valid Credentials credentials) {
    return noStore(TokenResponse.of(auth.login(credentials.username(), credentials.password(), credentials.totp())));
  }

  @POST
  @Path("/refresh")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response refresh(@NotNull @Valid RefreshRequest body) {
    return noStore(TokenResponse.of(auth.refresh(body.refreshToken())));
  }

  @POST
  @Path("/logout")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response logout(@NotNull @Valid RefreshRequest body) {
    auth.logout(body.refreshToken());
    return Response.noContent().build();
  }

  /** Starts TOTP enrolment: the secret, the otpauth:// URI and its QR code (PNG data URI). */
  @POST
  @Path("/2fa/enrol")
  public Response enrolSecondFactor() {
    return noStore(twoFactor.enrol());
  }

  /** Turns the second factor on with a first code; answers ten one-time recovery codes, once. */
  @POST
  @Path("/2fa/confirm")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response confirmSecondFactor(@NotNull @Valid OneTimeCode body) {
    return noStore(Map.of("recoveryCodes", twoFactor.confirm(body.code())));
  }

  /** Turns the second factor off (needs a current code or a recovery code). */
  @POST
  @Path("/2fa/disable")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response disableSecondFactor(@NotNull @Valid OneTimeCode body) {
    twoFactor.disable(body.code());
    return Response.noContent().build();
  }

  /** Mails a reset link if the name or address belongs to an account; always 202 (no enumeration). */
  @POST
  @Path("/password-reset")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response requestPasswordReset(@NotNull @Valid PasswordResetRequest body) {
    passwordReset.request(body.username());
    return Response.accepted().build();
  }

  @POST
  @Path("/password-reset/confirm")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response resetPassword(@NotNull @Valid NewPassword body) {
    passwordReset.reset(body.token(), body.newPassword());
    return Response.noContent().build();
  }

  /** Who the bearer of the request's token is. */
  @GET
  @Path("/me")
  public Map<String, Object> me(@Context SecurityContext security) {
    if (!(security.getUserPrincipal() instanceof JsonWebToken caller)) {
      throw new ProblemException(ProblemType.UNAUTHENTICATED, "Sign in to do this");
    }
    return Map.of("name", caller.getName(), "groups", caller.getGroups(), "issuer", caller.getIssuer());
  }

  /**
   * The readiness self-check's round trip (only the server's own self-check token may call it): the
   * request passed authentication, the filters and an EJB's role check.
   */
  @GET
  @Path("/self-check")
  public Response selfCheck() {
    auth.selfCheck();
    return Response.noContent().cacheControl(Caching.noStore()).build();
  }

  @GET
  @Path("/jwks")
  public Response jwks() {
    CacheControl cache = new CacheControl();
    cache.setMaxAge(60);
    return Response.ok(keys.published(false).toString(true), MediaType.APPLICATION_JSON).cacheControl(cache).build();
  }

  /** Rotates the signing key of local tokens (admin); the old key stays published for the overlap. */
  @POST
  @Path("/signing-keys/rotate")
  public Map<String, String> rotateSigningKey() {
    return Map.of("kid", keys.rotate().id());
  }

  private static Response noStore(Object entity) {
    return Response.ok(entity).cacheControl(Caching.noStore()).header("Pragma", "no-cache").build();
  }
}
