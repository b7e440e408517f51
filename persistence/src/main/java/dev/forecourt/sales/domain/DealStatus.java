package dev.forecourt.sales.domain;

/** A deal holds its vehicle RESERVED until it is CLOSED (sold) or CANCELLED (released). */
public enum DealStatus {
  RESERVED,
  CLOSED,
  CANCELLED
}
