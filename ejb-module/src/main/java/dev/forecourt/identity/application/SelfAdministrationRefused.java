package dev.forecourt.identity.application;

import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;

/**
 * An administrator tried to disable, demote or reset themselves: another administrator has to, so
 * that nobody locks the last administrator out by mistake.
 */
public class SelfAdministrationRefused extends ProblemException {

  public SelfAdministrationRefused(String what) {
    super(ProblemType.CONFLICT, "You cannot " + what + " here: ask another administrator");
  }
}
