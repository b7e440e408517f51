package dev.forecourt.identity.api;

import java.util.Set;

/**
 * The console session's caller: name, groups (roles), dealerships (rooftop codes; empty for an
 * administrator, who sees all), issuer, the CSRF token to send with every request that changes
 * state, and the seconds until the access token in the session cookie expires (refresh before).
 */
public record SessionView(
    String name,
    Set<String> groups,
    Set<String> dealerships,
    String issuer,
    String csrfToken,
    long expiresIn) {}
