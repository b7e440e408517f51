package dev.forecourt.identity.application;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;

/**
 * The body of {@code POST /users}: a new local account. No password: the holder chooses it through
 * the mailed invitation. Roles are group names ({@code sales}, {@code manager}, {@code admin}),
 * dealerships rooftop codes.
 */
public record UserDraft(
    @NotBlank
        @Size(min = 2, max = 100)
        @Pattern(
            regexp = UserDraft.USERNAME,
            message = "must be letters, digits and . _ @ - (starting with a letter or digit)")
        String username,
    @NotBlank @Email @Size(max = 200) String email,
    @NotNull @NotEmpty Set<@NotBlank String> roles,
    @NotNull Set<@NotBlank String> dealerships) {

  static final String USERNAME = "[A-Za-z0-9][A-Za-z0-9._@-]*";
}
