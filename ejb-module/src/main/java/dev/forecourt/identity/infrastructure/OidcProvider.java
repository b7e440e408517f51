package dev.forecourt.identity.infrastructure;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import dev.forecourt.identity.application.SsoSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * The console's OpenID Connect client (nimbus OAuth 2.0 SDK): the provider is the one whose tokens
 * the API trusts ({@code mp.jwt.verify.issuer}), its endpoints come from its discovery document
 * (read once, then kept), the client is {@code forecourt.sso.client-id} (public, or confidential
 * with {@code forecourt.sso.client-secret}). The authorization code flow with PKCE (S256): {@link
 * #authorizationRequest} sends the browser to the provider, {@link #redeem} exchanges the code it
 * brings back for the access token (and the refresh token, when the provider gives one), {@link
 * #refresh} exchanges that refresh token for new tokens. The calls to the provider are bounded by
 * {@code @Timeout} and not made while the {@code @CircuitBreaker} is open; discovery is retried
 * once. A grant the provider refuses ({@link GrantRefused}: a used code, an expired refresh token)
 * is the browser's problem, not the provider's: no failure for the breaker.
 */
@ApplicationScoped
public class OidcProvider {

  private static final int HTTP_TIMEOUT_MS = 5000;

  @Inject
  @ConfigProperty(name = "mp.jwt.verify.issuer")
  Optional<String> issuer;

  private volatile OIDCProviderMetadata metadata;

  /**
   * The access token the provider answered, how long it lives, and its refresh token (null when the
   * provider gave none).
   */
  public record Redeemed(String accessToken, Duration lifetime, String refreshToken) {}

  /**
   * The provider refused the grant: a code used, expired, or not for this client or verifier; a
   * refresh token expired or revoked (the provider's session ended).
   */
  public static class GrantRefused extends Exception {
    private static final long serialVersionUID = 1L;

    GrantRefused(String why) {
      super(why);
    }
  }

  /** Whether single sign-on is configured: a provider and the console's client at it. */
  public boolean configured() {
    return issuer.isPresent() && SsoSettings.CLIENT_ID.find().isPresent();
  }

  /**
   * Where to send the browser: the provider's authorization endpoint with the client, the redirect
   * URI, {@code state} and the S256 challenge of {@code verifier}.
   */
  @Timeout(HTTP_TIMEOUT_MS * 2)
  @Retry(maxRetries = 1, delay = 200)
  @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 30_000)
  public URI authorizationRequest(URI redirectUri, State state, CodeVerifier verifier)
      throws IOException {
    return new AuthenticationRequest.Builder(
            ResponseType.CODE, new Scope("openid"), clientId(), redirectUri)
        .endpointURI(metadata().getAuthorizationEndpointURI())
        .state(state)
        .codeChallenge(verifier, CodeChallengeMethod.S256)
        .build()
        .toURI();
  }

  /** Exchanges the authorization code for the tokens (with the PKCE verifier). */
  @Timeout(HTTP_TIMEOUT_MS * 2)
  @CircuitBreaker(
      requestVolumeThreshold = 4,
      failureRatio = 0.5,
      delay = 30_000,
      skipOn = GrantRefused.class)
  public Redeemed redeem(String code, URI redirectUri, CodeVerifier verifier)
      throws IOException, GrantRefused {
    return tokens(new AuthorizationCodeGrant(new AuthorizationCode(code), redirectUri, verifier));
  }

  /**
   * Exchanges a refresh token for new tokens; the refresh token stays the one given when the
   * provider does not rotate it.
   */
  @Timeout(HTTP_TIMEOUT_MS * 2)
  @CircuitBreaker(
      requestVolumeThreshold = 4,
      failureRatio = 0.5,
      delay = 30_000,
      skipOn = GrantRefused.class)
  public Redeemed refresh(String refreshToken) throws IOException, GrantRefused {
    Redeemed renewed = tokens(new RefreshTokenGrant(new RefreshToken(refreshToken)));
    return renewed.refreshToken() != null
        ? renewed
        : new Redeemed(renewed.accessToken(), renewed.lifetime(), refreshToken);
  }

  private Redeemed tokens(AuthorizationGrant grant) throws IOException, GrantRefused {
    URI endpoint = metadata().getTokenEndpointURI();
    Optional<String> secret = SsoSettings.CLIENT_SECRET.find();
    TokenRequest request =
        secret.isPresent()
            ? new TokenRequest(
                endpoint, new ClientSecretBasic(clientId(), new Secret(secret.get())), grant)
            : new TokenRequest(endpoint, clientId(), grant);
    HTTPRequest http = request.toHTTPRequest();
    http.setConnectTimeout(HTTP_TIMEOUT_MS);
    http.setReadTimeout(HTTP_TIMEOUT_MS);
    TokenResponse response;
    try {
      response = OIDCTokenResponseParser.parse(http.send());
    } catch (ParseException e) {
      throw new IOException("the provider's token answer is not OAuth 2.0: " + e.getMessage(), e);
    }
    if (!response.indicatesSuccess()) {
      ErrorObject error = response.toErrorResponse().getErrorObject();
      if (error.getHTTPStatusCode() >= 500) {
        throw new IOException("the provider answered HTTP " + error.getHTTPStatusCode());
      }
      throw new GrantRefused(error.getCode() + ": " + error.getDescription());
    }
    Tokens tokens = response.toSuccessResponse().getTokens();
    AccessToken token = tokens.getAccessToken();
    RefreshToken refresh = tokens.getRefreshToken();
    return new Redeemed(
        token.getValue(),
        Duration.ofSeconds(token.getLifetime() > 0 ? token.getLifetime() : 300),
        refresh == null ? null : refresh.getValue());
  }

  private ClientID clientId() {
    return new ClientID(SsoSettings.CLIENT_ID.get());
  }

  private OIDCProviderMetadata metadata() throws IOException {
    OIDCProviderMetadata known = metadata;
    if (known == null) {
      try {
        known =
            OIDCProviderMetadata.resolve(
                new Issuer(issuer.orElseThrow(() -> new IOException("no provider configured"))),
                HTTP_TIMEOUT_MS,
                HTTP_TIMEOUT_MS);
      } catch (com.nimbusds.oauth2.sdk.GeneralException e) {
        throw new IOException("the provider's discovery document: " + e.getMessage(), e);
      }
      metadata = known;
    }
    return known;
  }
}
