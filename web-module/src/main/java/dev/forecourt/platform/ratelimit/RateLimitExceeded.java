package dev.forecourt.platform.ratelimit;

import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;

/**
 * The caller's bucket is empty: at most {@code limit} requests a minute; says when the next token
 * comes.
 */
public class RateLimitExceeded extends ProblemException {

  public RateLimitExceeded(long limit, long retryAfterSeconds) {
    super(ProblemType.RATE_LIMITED, "Too many requests: at most " + limit + " a minute");
    retryAfter(retryAfterSeconds);
  }
}
