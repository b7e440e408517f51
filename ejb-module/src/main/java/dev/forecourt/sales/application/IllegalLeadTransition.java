package dev.forecourt.sales.application;

import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;
import dev.forecourt.sales.domain.LeadStatus;
import java.util.Collection;

/**
 * The lead cannot move to the stage asked for from its current one; carries the stages allowed
 * instead.
 */
public class IllegalLeadTransition extends ProblemException {

  public IllegalLeadTransition(String detail, Collection<LeadStatus> allowed) {
    super(ProblemType.ILLEGAL_TRANSITION, detail);
    allowed(allowed.stream().map(Enum::name).toList());
  }
}
