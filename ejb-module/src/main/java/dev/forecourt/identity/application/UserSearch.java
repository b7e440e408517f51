package dev.forecourt.identity.application;

import dev.forecourt.platform.security.Role;

/**
 * Filters of the user list (null: any): a fragment of the username or e-mail address, a role, a
 * dealership (rooftop code), enabled or not; newest first, ids below {@code before} (the cursor).
 */
public record UserSearch(
    String text, Role role, String dealershipCode, Boolean enabled, Long before, int limit) {}
