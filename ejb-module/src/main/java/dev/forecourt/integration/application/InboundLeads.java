package dev.forecourt.integration.application;

import dev.forecourt.integration.domain.InboundMessage;
import dev.forecourt.platform.observability.UseCase;
import dev.forecourt.sales.application.LeadIntake;
import dev.forecourt.sales.application.MarketplaceLead;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Leads pushed by marketplaces, signed like Forecourt's own webhooks with the source's secret
 * ({@code forecourt.integrations.<source>.secret}): the signature must match, the timestamp be
 * within {@code forecourt.integrations.tolerance} (PT5M) of now, and the {@code webhook-id} be new
 * for the source (a replay is refused). Only then is the body read; the lead is created once per
 * marketplace reference.
 */
@UseCase
@Stateless
@PermitAll
public class InboundLeads {

  private static final Pattern SOURCE = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
  private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
  private static final Jsonb JSON = JsonbBuilder.create();

  @PersistenceContext(unitName = "forecourt")
  EntityManager em;

  @EJB LeadIntake intake;

  public LeadIntake.Received receive(
      String source, String messageId, String timestamp, String signature, byte[] body) {
    String secret = secret(source).orElseThrow(UnknownLeadSource::new);
    if (messageId == null
        || !MESSAGE_ID.matcher(messageId).matches()
        || timestamp == null
        || signature == null) {
      throw new SignatureRejected(
          "webhook-id, webhook-timestamp and webhook-signature are required");
    }
    long sentAt;
    try {
      sentAt = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      throw new SignatureRejected("webhook-timestamp must be seconds since the epoch");
    }
    Duration tolerance = tolerance();
    if (Math.abs(Instant.now().getEpochSecond() - sentAt) > tolerance.toSeconds()) {
      throw new SignatureRejected(
          "webhook-timestamp is more than " + tolerance.toMinutes() + " minutes from now");
    }
    if (!WebhookSignature.verify(secret, messageId, sentAt, body, signature)) {
      throw new SignatureRejected("The signature does not match the message");
    }
    if (em.find(InboundMessage.class, new InboundMessage.Key(source, messageId)) != null) {
      throw new MessageReplayed();
    }
    try {
      em.persist(new InboundMessage(source, messageId));
      em.flush();
    } catch (PersistenceException e) {
      // the same message, received at the same moment by another request
      throw new MessageReplayed();
    }
    MarketplaceLead lead;
    try {
      lead = JSON.fromJson(new String(body, StandardCharsets.UTF_8), MarketplaceLead.class);
    } catch (JsonbException e) {
      throw new MalformedLead();
    }
    if (lead == null) {
      throw new MalformedLead();
    }
    return intake.receive(source, lead);
  }

  /**
   * Forgets the message ids older than the tolerance (and an hour): such messages are refused by
   * their timestamp.
   */
  @jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.REQUIRES_NEW)
  public int forgetOldMessages() {
    Instant before = Instant.now().minus(tolerance()).minus(Duration.ofHours(1));
    return em.createQuery("delete from InboundMessage m where m.receivedAt < :before")
        .setParameter("before", before)
        .executeUpdate();
  }

  /** The source's secret, if the source is configured. */
  static Optional<String> secret(String source) {
    if (source == null || !SOURCE.matcher(source).matches()) {
      return Optional.empty();
    }
    return IntegrationSettings.SOURCE_SECRET.forPlaceholder(source).find();
  }

  private static Duration tolerance() {
    return IntegrationSettings.TOLERANCE.get();
  }
}
