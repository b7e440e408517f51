package dev.forecourt.platform.problem;

/**
 * The caller is signed in but may not do this (to this aggregate): the detail says which rule
 * refused it.
 */
public class NotPermitted extends ProblemException {

  public NotPermitted(String detail) {
    super(ProblemType.FORBIDDEN, detail);
  }
}
