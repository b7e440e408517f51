package dev.forecourt.identity.api;

import dev.forecourt.identity.application.TokenPair;
import jakarta.json.bind.annotation.JsonbProperty;

/** A token answer in the OAuth 2.0 shape (RFC 6749 §5.1). */
public record TokenResponse(
    @JsonbProperty("access_token") String accessToken,
    @JsonbProperty("token_type") String tokenType,
    @JsonbProperty("expires_in") long expiresIn,
    @JsonbProperty("refresh_token") String refreshToken) {

  static TokenResponse of(TokenPair pair) {
    return new TokenResponse(
        pair.accessToken(), "Bearer", pair.expiresInSeconds(), pair.refreshToken());
  }
}
