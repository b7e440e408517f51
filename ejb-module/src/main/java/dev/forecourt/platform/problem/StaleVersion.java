package dev.forecourt.platform.problem;

/**
 * The caller changes an aggregate from a version it read earlier, and someone else changed it
 * since: it has to read it again.
 */
public class StaleVersion extends ProblemException {

  public StaleVersion(String what, Object id) {
    this(what + " " + id + " was changed since you read it; read it again");
  }

  /** In the context's own words. */
  public StaleVersion(String detail) {
    super(ProblemType.PRECONDITION_FAILED, detail);
  }
}
