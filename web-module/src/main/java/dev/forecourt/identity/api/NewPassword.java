package dev.forecourt.identity.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /auth/password-reset/confirm}: the mailed token and the new password. */
public record NewPassword(
    @NotNull @Size(max = 200) String token, @NotNull @Size(max = 1000) String newPassword) {}
