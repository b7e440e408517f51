package dev.forecourt.sales.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * The stages of a lead and the transitions between them: NEW → CONTACTED → QUALIFIED → TEST_DRIVE →
 * NEGOTIATION → WON, a qualified lead may go straight to NEGOTIATION, and every open stage may end
 * in LOST. WON and LOST are final.
 */
public enum LeadStatus {
  NEW,
  CONTACTED,
  QUALIFIED,
  TEST_DRIVE,
  NEGOTIATION,
  WON,
  LOST;

  /** The stages a lead in this stage may move to. */
  public Set<LeadStatus> next() {
    return switch (this) {
      case NEW -> EnumSet.of(CONTACTED, LOST);
      case CONTACTED -> EnumSet.of(QUALIFIED, LOST);
      case QUALIFIED -> EnumSet.of(TEST_DRIVE, NEGOTIATION, LOST);
      case TEST_DRIVE -> EnumSet.of(NEGOTIATION, LOST);
      case NEGOTIATION -> EnumSet.of(WON, LOST);
      case WON, LOST -> EnumSet.noneOf(LeadStatus.class);
    };
  }

  public boolean canMoveTo(LeadStatus target) {
    return next().contains(target);
  }

  public boolean isFinal() {
    return this == WON || this == LOST;
  }
}
