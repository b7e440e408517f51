package dev.forecourt.platform.security;

import dev.forecourt.platform.metrics.Meters;
import dev.forecourt.platform.observability.ClientAddress;
import dev.forecourt.platform.observability.CorrelationId;
import dev.forecourt.platform.problem.ProblemResponses;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Intrusion detection for every API request, before routing and authentication: a blocked client
 * address gets 403 {@code client-blocked}; a path, query parameter or JSON string value that
 * matches {@link IntrusionPatterns} gets 400 {@code request-rejected}, a security event in the log
 * (rule, where, correlation id; never the payload) and a count in {@code
 * forecourt_intrusion_events_total{rule}}; the {@link IntrusionLedger} blocks an address after
 * repeated events. Password fields are not inspected (they are never stored or rendered as given,
 * and a strong password may well contain {@code '--}). Off with {@code
 * forecourt.intrusion.enabled=false}.
 */
@Provider
@PreMatching
@Priority(Priorities.ENTITY_CODER + 10) // after the body size limit
public class IntrusionDetectionFilter implements ContainerRequestFilter {

  private static final Logger SECURITY = Logger.getLogger("dev.forecourt.security.events");

  @Inject IntrusionLedger ledger;

  @Inject BlockedClients blocks;

  @Inject Meters meters;

  @Context HttpServletRequest request;

  /** Where a finding was made: the part of the request and the rule. */
  private record Finding(String where, String rule) {}

  @Override
  public void filter(ContainerRequestContext context) throws IOException {
    if (!IntrusionSettings.ENABLED.get()) {
      return;
    }
    String address = ClientAddress.of(request);
    Optional<ClientBlock> block = blocks.of(address);
    if (block.isPresent()) {
      meters
          .counter(
              "forecourt_intrusion_blocked_requests_total",
              "Requests refused because their client is blocked")
          .inc();
      context.abortWith(
          ProblemResponses.of(
              request, new ClientBlocked(Instant.ofEpochMilli(block.get().blockedUntilMillis()))));
      return;
    }
    Optional<Finding> finding = inspect(context);
    if (finding.isEmpty()) {
      return;
    }
    Finding f = finding.get();
    meters
        .counter(
            "forecourt_intrusion_events_total",
            "Requests refused by an intrusion rule, by rule",
            Meters.tag("rule", f.rule()))
        .inc();
    SECURITY.warning(
        () ->
            "Security event: intrusion rule="
                + f.rule()
                + " where="
                + f.where()
                + " method="
                + context.getMethod()
                + " client="
                + address
                + " correlationId="
                + CorrelationId.of(request));
    ledger
        .record(address, f.rule())
        .ifPresent(
            b ->
                meters
                    .counter(
                        "forecourt_intrusion_blocks_total",
                        "Clients blocked after repeated intrusion events")
                    .inc());
    context.abortWith(ProblemResponses.of(request, new RequestRejected()));
  }

  private Optional<Finding> inspect(ContainerRequestContext context) throws IOException {
    String path = context.getUriInfo().getRequestUri().getRawPath();
    Optional<String> rule = IntrusionPatterns.match(path);
    if (rule.isPresent()) {
      return Optional.of(new Finding("path", rule.get()));
    }
    String query = context.getUriInfo().getRequestUri().getRawQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        rule =
            IntrusionPatterns.match(name)
                .or(
                    () ->
                        eq < 0
                            ? Optional.empty()
                            : IntrusionPatterns.match(pair.substring(eq + 1)));
        if (rule.isPresent()) {
          return Optional.of(new Finding("query:" + safe(name), rule.get()));
        }
      }
    }
    MediaType type = context.getMediaType();
    if (context.hasEntity()
        && type != null
        && (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"))) {
      byte[] body = context.getEntityStream().readAllBytes(); // bounded by RequestSizeLimit
      context.setEntityStream(new ByteArrayInputStream(body));
      // (RESTEasy reports an entity for an empty body too: nothing to inspect)
      return body.length == 0 ? Optional.empty() : inspectJson(body);
    }
    return Optional.empty();
  }

  private static Optional<Finding> inspectJson(byte[] body) {
    try (JsonParser parser = Json.createParser(new ByteArrayInputStream(body))) {
      String key = "";
      while (parser.hasNext()) {
        JsonParser.Event event = parser.next();
        if (event == JsonParser.Event.KEY_NAME) {
          key = parser.getString();
          Optional<String> rule = IntrusionPatterns.match(key);
          if (rule.isPresent()) {
            return Optional.of(new Finding("body-key", rule.get()));
          }
        } else if (event == JsonParser.Event.VALUE_STRING
            && !key.toLowerCase(Locale.ROOT).contains("password")) {
          Optional<String> rule = IntrusionPatterns.match(parser.getString());
          if (rule.isPresent()) {
            return Optional.of(new Finding("body:" + safe(key), rule.get()));
          }
        }
      }
    } catch (JsonException | IllegalStateException e) {
      // not JSON (or not in an encoding JSON allows): the resource answers 400 malformed-request
    }
    return Optional.empty();
  }

  /** A parameter name fit for the log: plain characters only, bounded. */
  private static String safe(String name) {
    return name.matches("[A-Za-z0-9_.\\-]{1,40}") ? name : "?";
  }
}
