package dev.forecourt.identity.application;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Set;

/**
 * The body of {@code POST /api-keys}: a name, scopes, dealerships (rooftop codes), an optional
 * expiry.
 */
public record ApiKeyDraft(
    @NotBlank @Size(max = 100) String name,
    @NotNull @NotEmpty Set<@NotBlank String> scopes,
    @NotNull Set<@NotBlank String> dealerships,
    Instant expiresAt) {}
