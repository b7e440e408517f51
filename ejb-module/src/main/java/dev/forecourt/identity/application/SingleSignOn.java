package dev.forecourt.identity.application;

import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import dev.forecourt.identity.infrastructure.OidcProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

/**
 * The console's single sign-on, the authorization code flow with PKCE (S256) against the provider
 * the API trusts ({@link OidcProvider}): {@link #start} makes a fresh {@code state} and code
 * verifier, which the browser keeps for the callback (the web layer's short-lived cookie), and the
 * provider's address to send the browser to; {@link #finish} checks the {@code state} the provider
 * sends back against the kept one, redeems the code with the verifier and verifies the access token
 * as the API verifies every token (issuer, audience, signature): that token is the session.
 */
@ApplicationScoped
public class SingleSignOn {

  @Inject OidcProvider provider;
  @Inject TokenVerifier tokens;

  /** Where to send the browser, and what it keeps until the callback. */
  public record Start(URI provider, String flow) {}

  /**
   * The session the sign-on opened: the provider's access token, how long it lives, and the
   * provider's refresh token that renews it (null when the provider gives none).
   */
  public record Session(String accessToken, Duration lifetime, String refreshToken) {}

  /** The sign-on did not complete; the reason is for the log, not for the browser. */
  public static class Failed extends Exception {
    private static final long serialVersionUID = 1L;

    Failed(String reason) {
      super(reason);
    }
  }

  /** The provider does not answer (or its breaker is open). */
  public static class ProviderUnavailable extends Exception {
    private static final long serialVersionUID = 1L;

    ProviderUnavailable(Throwable cause) {
      super(cause.getMessage(), cause);
    }
  }

  /** Whether single sign-on is configured. */
  public boolean enabled() {
    return provider.configured();
  }

  public Start start(URI redirectUri) throws ProviderUnavailable {
    State state = new State();
    CodeVerifier verifier = new CodeVerifier();
    try {
      return new Start(
          provider.authorizationRequest(redirectUri, state, verifier),
          state.getValue() + "." + verifier.getValue());
    } catch (IOException | FaultToleranceException e) {
      throw new ProviderUnavailable(e);
    }
  }

  /**
   * Completes the sign-on: {@code flow} is what {@link #start} gave the browser to keep, {@code
   * code} and {@code state} what the provider sent back (or {@code error}).
   */
  public Session finish(String flow, String code, String state, String error, URI redirectUri)
      throws Failed {
    int dot = flow == null ? -1 : flow.indexOf('.');
    if (error != null) {
      throw new Failed("the provider answered " + error);
    }
    if (code == null || state == null || dot < 0) {
      throw new Failed("no code, no state or no flow kept (expired, or another browser)");
    }
    if (!MessageDigest.isEqual(
        flow.substring(0, dot).getBytes(StandardCharsets.UTF_8),
        state.getBytes(StandardCharsets.UTF_8))) {
      throw new Failed("the state does not match the one kept");
    }
    try {
      return session(provider.redeem(code, redirectUri, new CodeVerifier(flow.substring(dot + 1))));
    } catch (OidcProvider.GrantRefused | InvalidTokenException e) {
      throw new Failed(e.getMessage());
    } catch (IOException | FaultToleranceException e) {
      throw new Failed("the provider did not answer: " + e.getMessage());
    }
  }

  /**
   * Renews a session the sign-on opened with the provider's {@code refreshToken}: while the
   * provider's own session lasts, a new access token (verified as every token is); after it, {@link
   * Failed} (sign in again).
   */
  public Session renew(String refreshToken) throws Failed {
    try {
      return session(provider.refresh(refreshToken));
    } catch (OidcProvider.GrantRefused | InvalidTokenException e) {
      throw new Failed(e.getMessage());
    } catch (IOException | FaultToleranceException e) {
      throw new Failed("the provider did not answer: " + e.getMessage());
    }
  }

  private Session session(OidcProvider.Redeemed redeemed) throws InvalidTokenException {
    tokens.verify(redeemed.accessToken());
    return new Session(redeemed.accessToken(), redeemed.lifetime(), redeemed.refreshToken());
  }
}
