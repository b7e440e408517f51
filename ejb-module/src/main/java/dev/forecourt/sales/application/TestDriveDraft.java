package dev.forecourt.sales.application;

import dev.forecourt.inventory.domain.Vehicle;
import dev.forecourt.platform.security.DealershipOf;
import dev.forecourt.sales.domain.Lead;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Instant;

/**
 * The body of {@code POST /test-drives}: which lead drives which vehicle, when and for how long.
 */
public record TestDriveDraft(
    @NotNull @Positive @DealershipOf(Lead.class) Long leadId,
    @NotNull @Positive @DealershipOf(Vehicle.class) Long vehicleId,
    @NotNull @Future Instant startsAt,
    @NotNull @Min(15) @Max(240) Integer durationMinutes) {}
