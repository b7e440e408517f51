package dev.forecourt.platform.problem;

import java.util.List;

/** Fields of what the caller sent break a rule of the use case; names each field and the rule. */
public class InvalidFields extends ProblemException {

  public InvalidFields(String detail, List<FieldError> errors) {
    super(ProblemType.VALIDATION_FAILED, detail, errors);
  }

  /** One invalid field. */
  public InvalidFields(String detail, String field, String message) {
    this(detail, List.of(new FieldError(field, message)));
  }
}
