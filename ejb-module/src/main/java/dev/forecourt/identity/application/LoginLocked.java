package dev.forecourt.identity.application;

import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;
import java.time.Duration;
import java.time.Instant;

/** Too many failed sign-ins locked the name until a given time; says how long to wait. */
public class LoginLocked extends ProblemException {

  public LoginLocked(Instant until, Instant now) {
    super(ProblemType.LOGIN_LOCKED, "Too many failed logins: try again later");
    retryAfter(Duration.between(now, until).toSeconds());
  }
}
