package dev.forecourt.platform.web;

import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;

/** The Content-Length header is not a number. */
public class ContentLengthMalformed extends ProblemException {

  public ContentLengthMalformed() {
    super(ProblemType.MALFORMED_REQUEST, "Content-Length is not a number");
  }
}
