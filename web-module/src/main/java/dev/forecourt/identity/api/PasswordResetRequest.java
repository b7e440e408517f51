package dev.forecourt.identity.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /auth/password-reset}: the username or the account's e-mail address. */
public record PasswordResetRequest(@NotNull @Size(max = 200) String username) {}
