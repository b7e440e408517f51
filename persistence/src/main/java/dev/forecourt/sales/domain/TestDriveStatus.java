package dev.forecourt.sales.domain;

/** A test drive is booked until it is cancelled. */
public enum TestDriveStatus {
  SCHEDULED,
  CANCELLED
}
