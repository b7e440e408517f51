package dev.forecourt.sales.application;

import dev.forecourt.platform.problem.InvalidFields;

/** A lead is marked lost without saying why. */
public class LossReasonMissing extends InvalidFields {

  public LossReasonMissing() {
    super("Say why the lead was lost", "reason", "is required when the status is LOST");
  }
}
