package dev.forecourt.identity.application;

/** What a login or a refresh returns: a short-lived access token and the next refresh token. */
public record TokenPair(String accessToken, long expiresInSeconds, String refreshToken) {}
