package dev.forecourt.sales.application;

import dev.forecourt.sales.domain.LeadStatus;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /leads/{id}/transitions}: the target stage (a reason is required for
 * LOST).
 */
public record LeadTransition(@NotNull LeadStatus status, @Size(max = 200) String reason) {}
