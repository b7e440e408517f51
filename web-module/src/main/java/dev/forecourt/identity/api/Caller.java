package dev.forecourt.identity.api;

import java.util.Set;

/**
 * The answer of {@code GET /auth/me}: who the bearer of the token is, their groups (roles) and the
 * token's issuer.
 */
public record Caller(String name, Set<String> groups, String issuer) {}
