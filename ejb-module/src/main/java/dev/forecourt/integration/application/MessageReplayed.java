package dev.forecourt.integration.application;

import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;

/** An inbound message with this webhook-id was received from this source already. */
public class MessageReplayed extends ProblemException {

  public MessageReplayed() {
    super(ProblemType.REPLAYED_MESSAGE, "This webhook-id was already received from this source");
  }
}
