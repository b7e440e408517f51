package dev.forecourt.sales.application;

import dev.forecourt.sales.domain.DealStatus;

/** Filters of the deal list (null: any), newest first, ids below {@code before} (the cursor). */
public record DealSearch(DealStatus status, String dealershipCode, Long before, int limit) {}
