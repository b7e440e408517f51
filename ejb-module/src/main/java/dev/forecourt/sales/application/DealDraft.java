package dev.forecourt.sales.application;

import dev.forecourt.inventory.domain.Vehicle;
import dev.forecourt.platform.security.DealershipOf;
import dev.forecourt.sales.domain.Lead;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;

/** The body of {@code POST /deals}: the lead buying, the vehicle, the price and the terms. */
public record DealDraft(
    @NotNull @Positive @DealershipOf(Lead.class) Long leadId,
    @NotNull @Positive @DealershipOf(Vehicle.class) Long vehicleId,
    @NotNull @PositiveOrZero @DecimalMax("9999999999.99") BigDecimal salePrice,
    @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 currency code")
        String currency,
    @PositiveOrZero @DecimalMax("9999999999.99") BigDecimal tradeInValue,
    boolean financed) {}
