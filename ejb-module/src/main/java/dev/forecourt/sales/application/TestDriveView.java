package dev.forecourt.sales.application;

import dev.forecourt.sales.domain.TestDrive;
import dev.forecourt.sales.domain.TestDriveStatus;
import java.time.Instant;

/** A booked (or cancelled) test drive. */
public record TestDriveView(
    long id,
    long leadId,
    long vehicleId,
    String dealershipCode,
    String salesperson,
    Instant startsAt,
    Instant endsAt,
    TestDriveStatus status) {

  static TestDriveView of(TestDrive t) {
    return new TestDriveView(
        t.id(),
        t.leadId(),
        t.vehicleId(),
        t.dealership().code(),
        t.salesperson(),
        t.startsAt(),
        t.endsAt(),
        t.status());
  }
}
