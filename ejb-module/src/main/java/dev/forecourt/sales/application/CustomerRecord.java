package dev.forecourt.sales.application;

import dev.forecourt.sales.domain.Customer;
import java.time.Instant;

/** The customer record as held: name, contact, consents, timestamps (erasedAt once erased). */
public record CustomerRecord(
    long id,
    String firstName,
    String lastName,
    String email,
    String phone,
    boolean consentMarketing,
    boolean consentContact,
    Instant createdAt,
    Instant updatedAt,
    Instant erasedAt) {

  static CustomerRecord of(Customer c) {
    return new CustomerRecord(
        c.id(),
        c.firstName(),
        c.lastName(),
        c.email(),
        c.phone(),
        c.consentMarketing(),
        c.consentContact(),
        c.createdAt(),
        c.updatedAt(),
        c.erasedAt());
  }
}
