package dev.forecourt.sales.application;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * A lead sent by a marketplace to {@code POST /integrations/leads/{source}}: the marketplace's own
 * reference (the same reference again is the same lead), the dealership, the customer, optionally
 * the vehicle and the customer's message.
 */
public record MarketplaceLead(
    @NotBlank @Size(max = 100) String externalId,
    @NotBlank @Size(max = 20) String dealershipCode,
    @NotNull @Valid CustomerDraft customer,
    @Positive Long vehicleId,
    @Size(max = 2000) String message) {}
