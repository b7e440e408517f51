package dev.forecourt.sales.application;

import dev.forecourt.sales.domain.LeadStatus;

/** Filters of the lead list (null: any), newest first, ids below {@code before} (the cursor). */
public record LeadSearch(
    LeadStatus status, String dealershipCode, String assignedTo, Long before, int limit) {}
