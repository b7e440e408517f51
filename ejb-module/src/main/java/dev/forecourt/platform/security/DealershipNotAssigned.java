package dev.forecourt.platform.security;

import dev.forecourt.platform.problem.NotPermitted;

/** The dealership the caller names (or the aggregate belongs to) is not one of the caller's. */
public class DealershipNotAssigned extends NotPermitted {

  public DealershipNotAssigned(String code) {
    super("Dealership " + code + " is not assigned to you");
  }
}
