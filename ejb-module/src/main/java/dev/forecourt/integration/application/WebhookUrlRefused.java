package dev.forecourt.integration.application;

import dev.forecourt.platform.problem.FieldError;
import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;
import java.util.List;

/**
 * A webhook subscription names a URL Forecourt does not call (loopback, private, link-local, ...
 * unless allowed).
 */
public class WebhookUrlRefused extends ProblemException {

  public WebhookUrlRefused(String reason) {
    super(
        ProblemType.URL_NOT_ALLOWED,
        "Webhooks are not sent to this URL",
        List.of(new FieldError("url", reason)));
  }
}
