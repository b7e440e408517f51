package dev.forecourt.identity.api;

import static dev.forecourt.platform.openapi.ApiDocumentFilter.PROBLEMS;
import static dev.forecourt.platform.openapi.ApiDocumentFilter.ROLES;

import dev.forecourt.identity.application.AuthService;
import dev.forecourt.identity.application.PasswordResetService;
import dev.forecourt.identity.application.SigningKeys;
import dev.forecourt.identity.application.TotpEnrolment;
import dev.forecourt.identity.application.TwoFactorService;
import dev.forecourt.platform.problem.SignInRequired;
import dev.forecourt.platform.web.Caching;
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
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Local accounts: login (with a second factor once it is on), refresh (rotating), logout, the
 * caller's identity, TOTP enrolment, password reset by mail, and the JWKS that verifies Forecourt's
 * own access tokens.
 */
@Path("/auth")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "identity")
public class AuthResource {

  @EJB AuthService auth;
  @EJB SigningKeys keys;
  @EJB TwoFactorService twoFactor;
  @EJB PasswordResetService passwordReset;

  @POST
  @Path("/login")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Sign in with a local account",
      description =
          "Answers an access token (JWT) and a refresh token. Once the account has a second factor, `totp` (a code of the authenticator app or a recovery code) is required: 401 `totp-required` without it. Repeated failures lock the login for a while (401 `login-locked`).")
  @RequestBody(
      required = true,
      description = "Username, password and, once enabled, the one-time code",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = Credentials.class)))
  @APIResponse(
      responseCode = "200",
      description = "The tokens",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = TokenResponse.class)))
  @Extension(name = ROLES, value = "anonymous")
  @Extension(
      name = PROBLEMS,
      value = "validation-failed authentication-failed totp-required login-locked")
  public Response login(@NotNull @Valid Credentials credentials) {
    return noStore(
        TokenResponse.of(
            auth.login(credentials.username(), credentials.password(), credentials.totp())));
  }

  @POST
  @Path("/refresh")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Refresh the tokens",
      description =
          "Rotating: the refresh token is used up and a new pair answered; a reused refresh token is refused.")
  @RequestBody(
      required = true,
      description = "The refresh token",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = RefreshRequest.class)))
  @APIResponse(
      responseCode = "200",
      description = "The new tokens",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = TokenResponse.class)))
  @Extension(name = ROLES, value = "anonymous")
  @Extension(name = PROBLEMS, value = "validation-failed invalid-token")
  public Response refresh(@NotNull @Valid RefreshRequest body) {
    return noStore(TokenResponse.of(auth.refresh(body.refreshToken())));
  }

  @POST
  @Path("/logout")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Sign out", description = "Revokes the refresh token.")
  @RequestBody(
      required = true,
      description = "The refresh token",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = RefreshRequest.class)))
  @APIResponse(responseCode = "204", description = "Signed out")
  @Extension(name = ROLES, value = "anonymous")
  @Extension(name = PROBLEMS, value = "validation-failed")
  public Response logout(@NotNull @Valid RefreshRequest body) {
    auth.logout(body.refreshToken());
    return Response.noContent().build();
  }

  /** Starts TOTP enrolment: the secret, the otpauth:// URI and its QR code (PNG data URI). */
  @POST
  @Path("/2fa/enrol")
  @Operation(
      summary = "Start TOTP enrolment",
      description =
          "The secret, the otpauth:// URI and its QR code (PNG data URI), for the caller's local account.")
  @APIResponse(
      responseCode = "200",
      description = "The enrolment",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = TotpEnrolment.class)))
  @Extension(name = ROLES, value = "sales manager admin")
  @Extension(name = PROBLEMS, value = "conflict")
  public Response enrolSecondFactor() {
    return noStore(twoFactor.enrol());
  }

  /** Turns the second factor on with a first code; answers ten one-time recovery codes, once. */
  @POST
  @Path("/2fa/confirm")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Turn the second factor on",
      description =
          "With a first code of the authenticator app; answers ten one-time recovery codes, once.")
  @RequestBody(
      required = true,
      description = "A code of the authenticator app",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = OneTimeCode.class)))
  @APIResponse(
      responseCode = "200",
      description = "The recovery codes",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = RecoveryCodes.class)))
  @Extension(name = ROLES, value = "sales manager admin")
  @Extension(name = PROBLEMS, value = "validation-failed conflict")
  public Response confirmSecondFactor(@NotNull @Valid OneTimeCode body) {
    return noStore(new RecoveryCodes(twoFactor.confirm(body.code())));
  }

  /** Turns the second factor off (needs a current code or a recovery code). */
  @POST
  @Path("/2fa/disable")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Turn the second factor off",
      description = "Needs a current code or a recovery code.")
  @RequestBody(
      required = true,
      description = "A current code or a recovery code",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = OneTimeCode.class)))
  @APIResponse(responseCode = "204", description = "Turned off")
  @Extension(name = ROLES, value = "sales manager admin")
  @Extension(name = PROBLEMS, value = "validation-failed conflict")
  public Response disableSecondFactor(@NotNull @Valid OneTimeCode body) {
    twoFactor.disable(body.code());
    return Response.noContent().build();
  }

  /**
   * Mails a reset link if the name or address belongs to an account; always 202 (no enumeration).
   */
  @POST
  @Path("/password-reset")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Request a password reset",
      description =
          "Mails a reset link if the name or address belongs to a local account; always 202, so that it tells nothing about which accounts exist.")
  @RequestBody(
      required = true,
      description = "The username or e-mail address",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = PasswordResetRequest.class)))
  @APIResponse(responseCode = "202", description = "Accepted")
  @Extension(name = ROLES, value = "anonymous")
  @Extension(name = PROBLEMS, value = "validation-failed")
  public Response requestPasswordReset(@NotNull @Valid PasswordResetRequest body) {
    passwordReset.request(body.username());
    return Response.accepted().build();
  }

  @POST
  @Path("/password-reset/confirm")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Set a new password with a mailed token")
  @RequestBody(
      required = true,
      description = "The token and the new password",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = NewPassword.class)))
  @APIResponse(
      responseCode = "204",
      description = "The password is changed; the account's refresh tokens are revoked")
  @Extension(name = ROLES, value = "anonymous")
  @Extension(name = PROBLEMS, value = "validation-failed invalid-reset-token")
  public Response resetPassword(@NotNull @Valid NewPassword body) {
    passwordReset.reset(body.token(), body.newPassword());
    return Response.noContent().build();
  }

  /** Who the bearer of the request's token is. */
  @GET
  @Path("/me")
  @Operation(
      summary = "Who am I",
      description = "The bearer of the request's token: name, groups (roles) and issuer.")
  @APIResponse(
      responseCode = "200",
      description = "The caller",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = Caller.class)))
  @Extension(name = ROLES, value = "sales manager admin")
  public Caller me(@Context SecurityContext security) {
    if (!(security.getUserPrincipal() instanceof JsonWebToken caller)) {
      throw new SignInRequired();
    }
    return new Caller(caller.getName(), caller.getGroups(), caller.getIssuer());
  }

  /**
   * The readiness self-check's round trip (only the server's own self-check token may call it): the
   * request passed authentication, the filters and an EJB's role check.
   */
  @GET
  @Path("/self-check")
  @Operation(
      summary = "Readiness self-check round trip",
      description =
          "Only the server's own self-check token may call it: proves that authentication, the filters and an EJB's role check work.")
  @APIResponse(responseCode = "204", description = "The round trip works")
  @Extension(name = ROLES, value = "self-check")
  public Response selfCheck() {
    auth.selfCheck();
    return Response.noContent().cacheControl(Caching.noStore()).build();
  }

  @GET
  @Path("/jwks")
  @Operation(
      summary = "The JSON Web Key Set of Forecourt's own tokens",
      description =
          "The public keys (RFC 7517) that verify Forecourt's access tokens, by `kid`; cached for 60 s.")
  @APIResponse(
      responseCode = "200",
      description = "The key set",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(type = SchemaType.OBJECT)))
  @Extension(name = ROLES, value = "anonymous")
  public Response jwks() {
    CacheControl cache = new CacheControl();
    cache.setMaxAge(60);
    return Response.ok(keys.published(false).toString(true), MediaType.APPLICATION_JSON)
        .cacheControl(cache)
        .build();
  }

  /**
   * Rotates the signing key of local tokens (admin); the old key stays published for the overlap.
   */
  @POST
  @Path("/signing-keys/rotate")
  @Operation(
      summary = "Rotate the token signing key",
      description =
          "New tokens are signed with a new key; the old key stays published for the overlap.")
  @APIResponse(
      responseCode = "200",
      description = "The new key id",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = SigningKeyRotation.class)))
  @Extension(name = ROLES, value = "admin")
  public SigningKeyRotation rotateSigningKey() {
    return new SigningKeyRotation(keys.rotate().id());
  }

  /**
   * Revokes the signing keys (admin): for a key believed compromised. Every token signed before is
   * refused from now on; callers sign in again or use their refresh token.
   */
  @POST
  @Path("/signing-keys/revoke")
  @Operation(
      summary = "Revoke the token signing keys",
      description =
          "For a key believed compromised: every published key is revoked (no overlap) and a new one signs; every access token issued before is refused from now on (on the other nodes within 5 s). Clients sign in again or present their refresh token. Audited.")
  @APIResponse(
      responseCode = "200",
      description = "The new key id",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = SigningKeyRotation.class)))
  @Extension(name = ROLES, value = "admin")
  public SigningKeyRotation revokeSigningKeys() {
    return new SigningKeyRotation(keys.revoke().id());
  }

  private static Response noStore(Object entity) {
    return Response.ok(entity).cacheControl(Caching.noStore()).header("Pragma", "no-cache").build();
  }
}
