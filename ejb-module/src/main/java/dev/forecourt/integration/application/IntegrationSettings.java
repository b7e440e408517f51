package dev.forecourt.integration.application;

import dev.forecourt.platform.config.Setting;
import dev.forecourt.platform.config.SettingGroup;
import jakarta.enterprise.context.Dependent;
import java.time.Duration;

/** The settings of webhook deliveries and inbound integrations. */
@Dependent
public class IntegrationSettings implements SettingGroup {

  public static final Setting<Integer> BREAKER_REQUEST_VOLUME =
      Setting.integer(
              "forecourt.webhooks.circuit-breaker.request-volume-threshold",
              "6",
              1,
              1000,
              "attempts a subscriber's circuit breaker judges (read at deployment)")
          .readAtStart();

  public static final Setting<Double> BREAKER_FAILURE_RATIO =
      Setting.<Double>of(
              "forecourt.webhooks.circuit-breaker.failure-ratio",
              Double.class,
              "0.5",
              Double::valueOf,
              "must be a number above 0 and at most 1",
              "share of failed attempts that opens the breaker")
          .checkedBy(r -> r > 0 && r <= 1, "must be above 0 and at most 1")
          .readAtStart();

  public static final Setting<Duration> BREAKER_DELAY =
      Setting.duration(
              "forecourt.webhooks.circuit-breaker.delay",
              "PT60S",
              "how long an open breaker stays open before a trial attempt")
          .readAtStart();

  public static final Setting<String> WEBHOOK_TIMEOUT_RETIRED =
      Setting.text(
              "forecourt.webhooks.timeout",
              null,
              "gone: a delivery's time-out is the MP FT key of WebhookCall.post")
          .checkedBy(
              v -> false,
              "forecourt.webhooks.timeout is replaced by the MP Fault Tolerance key "
                  + "dev.forecourt.integration.infrastructure.WebhookCall/post/Timeout/value (milliseconds)");

  public static final Setting<String> SOURCE_SECRET =
      Setting.text(
              "forecourt.integrations.<source>.secret",
              null,
              "the whsec_ secret of an inbound integration source; a source without one is 404")
          .checkedBy(
              WebhookSignature::isWellFormed,
              "must be whsec_ followed by the base64 of at least 24 random bytes")
          .secret();

  public static final Setting<Duration> TOLERANCE =
      Setting.duration(
          "forecourt.integrations.tolerance",
          "PT5M",
          "how far an inbound message's webhook-timestamp may be from now");

  public static final Setting<String> WEBHOOK_ALLOWED_HOSTS =
      Setting.text(
              "forecourt.webhooks.allowed-hosts",
              null,
              "webhook hosts allowed although they are loopback, private or link-local: names, IP addresses, CIDR blocks")
          .checkedBy(
              v -> WebhookTargets.problemWith(v) == null,
              "must list host names, IP addresses or CIDR blocks, comma-separated")
          .serverOnly();
}
