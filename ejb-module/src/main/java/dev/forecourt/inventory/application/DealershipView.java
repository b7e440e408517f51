package dev.forecourt.inventory.application;

import dev.forecourt.inventory.domain.Dealership;

/** A read model of a dealership. */
public record DealershipView(
    long id,
    String code,
    String name,
    String street,
    String city,
    String postalCode,
    String country,
    String timeZone) {

  static DealershipView of(Dealership d) {
    return new DealershipView(
        d.id(),
        d.code(),
        d.name(),
        d.address().street(),
        d.address().city(),
        d.address().postalCode(),
        d.address().country(),
        d.timeZone().getId());
  }
}
