package dev.forecourt.identity.api;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /auth/refresh} and {@code POST /auth/logout}. */
public record RefreshRequest(
    @JsonbProperty("refresh_token") @NotNull @Size(max = 200) String refreshToken) {}
