package dev.forecourt.identity.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /auth/login}. */
public record Credentials(@NotNull @Size(max = 100) String username, @NotNull @Size(max = 1000) String password) {}
