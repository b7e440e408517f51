package dev.forecourt.identity.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A TOTP code or a recovery code, to confirm or turn off the second factor. */
public record OneTimeCode(@NotNull @Size(max = 40) String code) {}
