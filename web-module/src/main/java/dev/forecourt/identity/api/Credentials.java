package dev.forecourt.identity.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /auth/login}: {@code totp} is the code from the authenticator app (or a
 * recovery code), needed once the account has turned the second factor on.
 */
public record Credentials(
    @NotNull @Size(max = 100) String username,
    @NotNull @Size(max = 1000) String password,
    @Size(max = 40) String totp) {}
