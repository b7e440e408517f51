package dev.forecourt.inventory.domain;

/** Where a vehicle stands in the sales process. */
public enum VehicleStatus {
  AVAILABLE,
  RESERVED,
  SOLD
}
