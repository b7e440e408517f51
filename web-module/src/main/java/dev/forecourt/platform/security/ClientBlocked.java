package dev.forecourt.platform.security;

import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;
import java.time.Duration;
import java.time.Instant;

/** The client's address is blocked for a while after repeated attacks; says until when. */
public class ClientBlocked extends ProblemException {

  public ClientBlocked(Instant blockedUntil) {
    super(ProblemType.CLIENT_BLOCKED, "Requests from this address are blocked for a while");
    retryAfter(Duration.between(Instant.now(), blockedUntil).toSeconds());
  }
}
