package dev.forecourt.sales.application;

import dev.forecourt.platform.security.DealershipBound;
import dev.forecourt.sales.domain.LeadSource;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /leads}: an existing customer ({@code customerId}) or a new one ({@code
 * customer}), the dealership, optionally the vehicle of interest, the source and a first note.
 */
public record LeadDraft(
    @Positive Long customerId,
    @Valid CustomerDraft customer,
    @NotBlank @Size(max = 20) String dealershipCode,
    @Positive Long vehicleId,
    @NotNull LeadSource source,
    @Size(max = 2000) String note)
    implements DealershipBound {}
