package dev.forecourt.platform.problem;

/** The aggregate a use case names does not exist (or is not the caller's to see). */
public class NotFound extends ProblemException {

  public NotFound(String what, Object id) {
    this(what + " " + id + " does not exist");
  }

  /** For a subclass that says in its own words what does not exist. */
  protected NotFound(String detail) {
    super(ProblemType.NOT_FOUND, detail);
  }
}
