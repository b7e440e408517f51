package dev.forecourt.integration.application;

import dev.forecourt.platform.problem.NotFound;

/** No integration source of the name in the path is configured to send leads. */
public class UnknownLeadSource extends NotFound {

  public UnknownLeadSource() {
    super("No integration source of this name is configured");
  }
}
