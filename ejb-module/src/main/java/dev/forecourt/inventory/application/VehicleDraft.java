package dev.forecourt.inventory.application;

import dev.forecourt.inventory.domain.VehicleStatus;
import dev.forecourt.platform.security.DealershipBound;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * The writable state of a vehicle: the body of {@code POST /vehicles} (status ignored, a new
 * vehicle is AVAILABLE) and of {@code PUT /vehicles/{id}} (VIN must match, it never changes).
 */
public record VehicleDraft(
    @NotNull @ValidVin String vin,
    @NotBlank @Size(max = 60) String make,
    @NotBlank @Size(max = 60) String model,
    @Size(max = 60) String trim,
    @NotNull @PlausibleModelYear Integer modelYear,
    @NotNull @PositiveOrZero @Max(2_000_000) Integer mileage,
    @Size(max = 40) String colour,
    @NotNull @PositiveOrZero @DecimalMax("9999999999.99") BigDecimal price,
    @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 currency code")
        String currency,
    VehicleStatus status,
    @NotBlank @Size(max = 20) String dealershipCode)
    implements DealershipBound {}
