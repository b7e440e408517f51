package dev.forecourt.integration.application;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;

/** The body of {@code POST /webhooks}: where to deliver, which event types, a description. */
public record WebhookDraft(
    @NotBlank
        @Size(max = 2000)
        @Pattern(regexp = "https?://[^\\s]+", message = "must be an http(s) URL")
        String url,
    @NotNull @NotEmpty @Size(max = 20) Set<@NotBlank String> eventTypes,
    @Size(max = 200) String description) {}
