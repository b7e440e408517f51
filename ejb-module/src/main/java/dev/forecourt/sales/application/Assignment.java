package dev.forecourt.sales.application;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of {@code PUT /leads/{id}/assignee}: the salesperson's username. */
public record Assignment(@NotBlank @Size(max = 100) String salesperson) {}
