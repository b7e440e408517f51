package dev.forecourt.sales.domain;

/** The kinds of activity recorded on a lead. */
public enum ActivityKind {
  CALL,
  EMAIL,
  NOTE
}
