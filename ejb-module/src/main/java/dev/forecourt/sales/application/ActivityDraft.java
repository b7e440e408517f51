package dev.forecourt.sales.application;

import dev.forecourt.sales.domain.ActivityKind;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /leads/{id}/activities}. */
public record ActivityDraft(@NotNull ActivityKind kind, @Size(max = 2000) String note) {}
