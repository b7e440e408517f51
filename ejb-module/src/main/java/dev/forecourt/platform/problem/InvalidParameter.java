package dev.forecourt.platform.problem;

import java.util.List;

/** A query parameter (or request header) has a value the use case cannot take. */
public class InvalidParameter extends ProblemException {

  public InvalidParameter(String name, String message) {
    this("Query parameter '" + name + "' " + message, name, message);
  }

  /** For a subclass that words the detail itself. */
  protected InvalidParameter(String detail, String name, String message) {
    super(ProblemType.INVALID_PARAMETER, detail, List.of(new FieldError(name, message)));
  }
}
