package dev.forecourt.identity.application;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.Set;

/**
 * The body of {@code PUT /users/{id}/access}: the account's roles (group names) and dealerships
 * (rooftop codes), both replaced.
 */
public record UserAccess(
    @NotNull @NotEmpty Set<@NotBlank String> roles, @NotNull Set<@NotBlank String> dealerships) {}
