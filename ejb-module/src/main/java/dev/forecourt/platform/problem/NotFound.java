package dev.forecourt.platform.problem;

/** The aggregate a use case names does not exist (or is not the caller's to see). */
public class NotFound extends ProblemException {

  public NotFound(String what, Object id) {
    super(ProblemType.NOT_FOUND, what + " " + id + " does not exist");
  }
}
