package dev.forecourt.sales.domain;

import java.util.Set;

/** A lead was asked to move to a stage its current stage does not lead to. */
public class IllegalLeadTransitionException extends RuntimeException {

  private final LeadStatus from;
  private final LeadStatus to;

  public IllegalLeadTransitionException(LeadStatus from, LeadStatus to) {
    super(
        "A lead cannot move from "
            + from
            + " to "
            + to
            + (from.next().isEmpty() ? ": " + from + " is final" : "; allowed: " + from.next()));
    this.from = from;
    this.to = to;
  }

  public LeadStatus from() {
    return from;
  }

  public LeadStatus to() {
    return to;
  }

  public Set<LeadStatus> allowed() {
    return from.next();
  }
}
