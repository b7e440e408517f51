package dev.forecourt.integration.application;

import dev.forecourt.integration.domain.WebhookDelivery;
import dev.forecourt.integration.domain.WebhookSubscription;
import dev.forecourt.platform.audit.Audited;
import dev.forecourt.platform.audit.EntityId;
import dev.forecourt.platform.events.EventType;
import dev.forecourt.platform.observability.UseCase;
import dev.forecourt.platform.persistence.Jpql;
import dev.forecourt.platform.problem.InvalidFields;
import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.security.ApiKeyScope;
import dev.forecourt.platform.security.CallerDealerships;
import dev.forecourt.platform.security.Role;
import dev.forecourt.platform.security.SecretCipher;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.Arrays;
import java.util.List;

/**
 * Webhook subscriptions, managed by admins and by integrators' API keys with {@code
 * webhooks:manage}. The signing secret is generated here, stored encrypted, and shown once, in the
 * answer to the subscription. A URL whose host is (or resolves to) a loopback, private, link-local
 * or other special address is refused with 422 {@code url-not-allowed} unless allow-listed ({@link
 * WebhookTargets}).
 */
@UseCase
@Stateless
@DeclareRoles({Role.ADMIN_NAME, ApiKeyScope.WEBHOOKS_MANAGE})
@RolesAllowed({Role.ADMIN_NAME, ApiKeyScope.WEBHOOKS_MANAGE})
public class WebhookService {

  @PersistenceContext(unitName = "forecourt")
  EntityManager em;

  @Inject SecretCipher cipher;

  @Inject CallerDealerships caller;

  @Audited(entity = "webhook", action = "subscribe")
  public WebhookView subscribe(@NotNull @Valid WebhookDraft draft) {
    List<String> unknown =
        draft.eventTypes().stream()
            .filter(t -> EventType.ofWireName(t).isEmpty())
            .sorted()
            .toList();
    if (!unknown.isEmpty()) {
      throw new InvalidFields(
          "Unknown event types",
          "eventTypes",
          "unknown "
              + unknown
              + "; known: "
              + Arrays.stream(EventType.values()).map(EventType::wireName).toList());
    }
    WebhookTargets.refusal(draft.url())
        .ifPresent(
            reason -> {
              throw new WebhookUrlRefused(reason);
            });
    WebhookSubscription subscription =
        new WebhookSubscription(
            draft.url().trim(), draft.eventTypes(), draft.description(), caller.name());
    em.persist(subscription);
    String secret = WebhookSignature.newSecret();
    subscription.secret(cipher.encrypt(secret, secretBinding(subscription.id())));
    em.flush();
    return WebhookView.of(subscription, secret);
  }

  public List<WebhookView> subscriptions() {
    return em
        .createQuery("select s from WebhookSubscription s order by s.id", WebhookSubscription.class)
        .getResultList()
        .stream()
        .map(s -> WebhookView.of(s, null))
        .toList();
  }

  public WebhookView subscription(long id) {
    return WebhookView.of(find(id), null);
  }

  /** Stops deliveries to the subscriber; its delivery log stays. */
  @Audited(entity = "webhook", action = "unsubscribe")
  public void unsubscribe(@EntityId long id) {
    find(id).deactivate();
  }

  /**
   * The subscriber's delivery log, newest first, {@code limit} attempts older than {@code before}.
   */
  public List<DeliveryView> deliveries(long id, Long before, int limit) {
    find(id);
    return new Jpql("select d from WebhookDelivery d")
            .and("d.subscriptionId = :subscription", "subscription", id)
            .and("d.id < :before", "before", before)
            .orderBy("d.id desc")
            .query(em, WebhookDelivery.class)
            .setMaxResults(limit)
            .getResultList()
            .stream()
            .map(DeliveryView::of)
            .toList();
  }

  /**
   * What a subscription's encrypted secret is bound to (a copied ciphertext does not decrypt
   * elsewhere).
   */
  static String secretBinding(long subscriptionId) {
    return "webhook:" + subscriptionId;
  }

  private WebhookSubscription find(long id) {
    WebhookSubscription s = em.find(WebhookSubscription.class, id);
    if (s == null) {
      throw ProblemException.notFound("Webhook subscription", id);
    }
    return s;
  }
}
