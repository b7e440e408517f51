package dev.forecourt.sales.application;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A new customer, given with the lead that brings them in. */
public record CustomerDraft(
    @NotBlank @Size(max = 100) String firstName,
    @NotBlank @Size(max = 100) String lastName,
    @Email @Size(max = 200) String email,
    @Pattern(regexp = "\\+?[0-9 ()/-]{5,40}", message = "must be a phone number") String phone,
    boolean consentMarketing,
    boolean consentContact) {}
