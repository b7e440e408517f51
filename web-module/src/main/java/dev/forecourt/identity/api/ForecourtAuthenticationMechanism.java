package dev.forecourt.identity.api;

import dev.forecourt.identity.application.ApiKeyService;
import dev.forecourt.identity.application.InvalidTokenException;
import dev.forecourt.identity.application.TokenCutoffs;
import dev.forecourt.identity.application.TokenIssuer;
import dev.forecourt.identity.application.TokenSettings;
import dev.forecourt.identity.application.TokenVerifier;
import dev.forecourt.platform.persistence.DatabaseUnavailable;
import dev.forecourt.platform.security.TokenPrincipal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashSet;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * The one place a request's credential is checked (Jakarta Security). {@code Authorization: Bearer
 * <token>} is verified by {@link TokenVerifier}, {@code Authorization: ApiKey <key>} by {@link
 * ApiKeyService} (groups: {@code integrator} and the key's scopes); a valid token of a local
 * account that was disabled, or whose roles or dealerships changed after the token was issued, is
 * refused ({@link TokenCutoffs}: at once on the node of the change, within its cache TTL on the
 * others); the caller and its groups go to the container, so {@code @RolesAllowed} on the EJBs and
 * {@code isCallerInRole} see them. No credential: the request continues anonymously (public reads),
 * and a protected call is answered 401. A refused credential is never silently anonymous: {@link
 * RefusedCredentialFilter} answers it 401 with a problem.
 */
@ApplicationScoped
public class ForecourtAuthenticationMechanism implements HttpAuthenticationMechanism {

  /** Request attribute holding why a presented credential was refused. */
  public static final String REFUSED = "forecourt.security.refused";

  /**
   * Request attribute set when a request authenticated by the console's session cookie changes
   * state without the session's CSRF token ({@link ConsoleSession}).
   */
  public static final String CSRF_REFUSED = "forecourt.security.csrf-refused";

  /**
   * Request attribute set when a credential could not be checked because the database does not
   * answer.
   */
  public static final String UNCHECKED = "forecourt.security.unchecked";

  private static final Logger LOG =
      Logger.getLogger(ForecourtAuthenticationMechanism.class.getName());

  @Inject TokenVerifier tokens;

  @Inject ApiKeyService apiKeys;

  @Inject TokenCutoffs cutoffs;

  @Inject TokenSettings settings;

  /**
   * Checks the credential; when that needs the database and the database does not answer (an API
   * key, a token signed by a key this node has not read yet), the request goes on unauthenticated
   * and marked {@link #UNCHECKED}, so that {@link RefusedCredentialFilter} answers it 503, never
   * 401 for a valid credential nor the container's 500.
   */
  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    try {
      return check(request, context);
    } catch (RuntimeException e) {
      if (!DatabaseUnavailable.isCauseOf(e)) {
        throw e;
      }
      LOG.warning(
          () ->
              "Credential not checked on "
                  + request.getMethod()
                  + " "
                  + request.getRequestURI()
                  + ": the database does not answer");
      request.setAttribute(UNCHECKED, Boolean.TRUE);
      return context.doNothing();
    }
  }

  private AuthenticationStatus check(HttpServletRequest request, HttpMessageContext context) {
    String header = request.getHeader("Authorization");
    if (header == null || header.isBlank()) {
      return session(request, context);
    }
    int space = header.indexOf(' ');
    String scheme = (space < 0 ? header : header.substring(0, space)).toLowerCase(Locale.ROOT);
    String credential = space < 0 ? "" : header.substring(space + 1).trim();
    if ("apikey".equals(scheme)) {
      return apiKeys
          .authenticate(credential)
          .map(key -> context.notifyContainerAboutLogin(key, ApiKeyService.groups(key)))
          .orElseGet(() -> refuse(request, context, "unknown, expired or revoked API key"));
    }
    if (!"bearer".equals(scheme)) {
      return refuse(request, context, "unsupported authorization scheme");
    }
    return bearer(request, context, credential);
  }

  /**
   * The console's session cookie, when the request has no {@code Authorization} header: the access
   * token it holds is checked as a bearer token, after the CSRF check of a request that changes
   * state. The session resource's own calls (sign-in, refresh, sign-out) read the cookies
   * themselves, after the same CSRF check (but for the sign-in, which has no session yet).
   */
  private AuthenticationStatus session(HttpServletRequest request, HttpMessageContext context) {
    var cookie = ConsoleSession.token(request);
    if (cookie.isEmpty() || ConsoleSession.isSignIn(request)) {
      return context.doNothing();
    }
    if (!ConsoleSession.csrfSatisfied(request, cookie.get())) {
      LOG.info(
          () ->
              "CSRF token missing or wrong on "
                  + request.getMethod()
                  + " "
                  + request.getRequestURI());
      request.setAttribute(CSRF_REFUSED, Boolean.TRUE);
      return context.doNothing();
    }
    if (ConsoleSession.managesItself(request)) {
      return context.doNothing();
    }
    if (ConsoleSession.isResume(request)) {
      // GET of the session: a valid cookie is the caller; an expired one is no error there, the
      // session resource renews it with the refresh cookie
      AuthenticationStatus status = bearer(request, context, cookie.get());
      request.removeAttribute(REFUSED);
      return status;
    }
    return bearer(request, context, cookie.get());
  }

  private AuthenticationStatus bearer(
      HttpServletRequest request, HttpMessageContext context, String credential) {
    try {
      TokenPrincipal caller = tokens.verify(credential);
      if (settings.issuer().equals(caller.getIssuer())
          && !cutoffs.accepts(caller.getName(), caller.getClaim(TokenIssuer.GENERATION_CLAIM))) {
        return refuse(
            request,
            context,
            "the local account was disabled or changed after the token was issued");
      }
      return context.notifyContainerAboutLogin(caller, new HashSet<>(caller.getGroups()));
    } catch (InvalidTokenException e) {
      return refuse(request, context, e.getMessage());
    }
  }

  private static AuthenticationStatus refuse(
      HttpServletRequest request, HttpMessageContext context, String why) {
    LOG.info(
        () ->
            "Credential refused on "
                + request.getMethod()
                + " "
                + request.getRequestURI()
                + ": "
                + why);
    request.setAttribute(REFUSED, why);
    return context.doNothing();
  }
}
