package dev.forecourt.identity.api;

import dev.forecourt.platform.problem.NotFound;
import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;

/** The single sign-on cannot start: not configured (404), or the provider does not answer (503). */
public final class SsoUnavailable {

  private SsoUnavailable() {}

  static final class NotConfigured extends NotFound {
    private static final long serialVersionUID = 1L;

    NotConfigured() {
      super("Single sign-on is not configured (forecourt.sso.client-id)");
    }
  }

  static final class ProviderDown extends ProblemException {
    private static final long serialVersionUID = 1L;

    ProviderDown() {
      super(
          ProblemType.SERVICE_UNAVAILABLE,
          "The sign-on provider does not answer; try again shortly, or sign in with a local account");
      retryAfter(30);
    }
  }
}
