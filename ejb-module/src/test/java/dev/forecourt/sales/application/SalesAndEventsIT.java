package dev.forecourt.sales.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forecourt.integration.application.DeliveryView;
import dev.forecourt.integration.application.EventFanOut;
import dev.forecourt.integration.application.WebhookDeliveries;
import dev.forecourt.integration.application.WebhookDraft;
import dev.forecourt.integration.application.WebhookService;
import dev.forecourt.integration.application.WebhookView;
import dev.forecourt.integration.domain.WebhookDelivery;
import dev.forecourt.inventory.application.InventoryService;
import dev.forecourt.inventory.application.VehicleDraft;
import dev.forecourt.inventory.application.VehicleView;
import dev.forecourt.inventory.domain.VehicleStatus;
import dev.forecourt.platform.events.Outbox;
import dev.forecourt.platform.events.OutboxEvent;
import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.problem.ProblemType;
import dev.forecourt.sales.domain.DealStatus;
import dev.forecourt.sales.domain.LeadSource;
import dev.forecourt.sales.domain.LeadStatus;
import dev.forecourt.testing.Deployments;
import dev.forecourt.testing.TestData;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sales use cases, their domain events in the outbox, the relay's claim and the webhook
 * subscriptions, in the container on the provider the build selects (run on Hibernate ORM and on
 * EclipseLink): the mappings, the JPQL and the locking they use.
 */
@ExtendWith(ArquillianExtension.class)
@Tag("persistence")
class SalesAndEventsIT {

  @Deployment
  static WebArchive deployment() {
    return Deployments.sales("sales-it");
  }

  @Inject InventoryService inventory;
  @Inject LeadService leads;
  @Inject TestDriveService testDrives;
  @Inject DealService deals;
  @Inject SalesReports reports;
  @Inject Outbox outbox;
  @Inject EventFanOut fanOut;
  @Inject WebhookService webhooks;
  @Inject WebhookDeliveries deliveries;
  @Inject TestData data;

  private long vehicle(String dealership, String price) {
    VehicleView v =
        inventory.list(
            new VehicleDraft(
                TestData.vin(),
                "Skoda",
                "Octavia",
                "Style",
                2022,
                20_000,
                "grey",
                new BigDecimal(price),
                "EUR",
                null,
                dealership));
    return v.id();
  }

  private static LeadDraft lead(String dealership, Long vehicle) {
    return new LeadDraft(
        null,
        new CustomerDraft("Erika", "Muster", "erika@example.org", "+49 30 123456", false, true),
        dealership,
        vehicle,
        LeadSource.WEBSITE,
        "first contact on the website");
  }

  @Test
  void theFunnelFromLeadToWonDealWritesItsEvents() {
    String dealership = data.dealership();
    long vehicle = vehicle(dealership, "19990.00");
    LeadView lead = leads.create(lead(dealership, vehicle), null);
    assertEquals(LeadStatus.NEW, lead.status());
    LeadView contacted =
        leads.transition(lead.id(), lead.version(), new LeadTransition(LeadStatus.CONTACTED, null));
    assertTrue(contacted.version() > lead.version(), "a transition is a new version of the lead");
    ProblemException stale =
        assertThrows(
            ProblemException.class,
            () ->
                leads.transition(
                    lead.id(), lead.version(), new LeadTransition(LeadStatus.QUALIFIED, null)));
    assertEquals(ProblemType.PRECONDITION_FAILED, stale.type());
    leads.transition(
        lead.id(), contacted.version(), new LeadTransition(LeadStatus.QUALIFIED, null));
    Instant starts = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    TestDriveView drive = testDrives.schedule(new TestDriveDraft(lead.id(), vehicle, starts, 30));
    assertEquals(LeadStatus.TEST_DRIVE, leads.lead(lead.id()).status());
    ProblemException booked =
        assertThrows(
            ProblemException.class,
            () ->
                testDrives.schedule(
                    new TestDriveDraft(
                        lead.id(), vehicle, starts.plus(10, ChronoUnit.MINUTES), 30)));
    assertEquals(ProblemType.DOUBLE_BOOKING, booked.type());
    DealView deal =
        deals.create(
            new DealDraft(
                lead.id(),
                vehicle,
                new BigDecimal("19500.00"),
                "EUR",
                new BigDecimal("1000.00"),
                true),
            null);
    VehicleView reserved = inventory.vehicle(vehicle);
    assertEquals(VehicleStatus.RESERVED, reserved.status());
    // held by the deal: staff cannot set it AVAILABLE or SOLD by hand, nor remove it
    for (VehicleStatus byHand : List.of(VehicleStatus.AVAILABLE, VehicleStatus.SOLD)) {
      ProblemException held =
          assertThrows(
              ProblemException.class,
              () -> inventory.update(vehicle, reserved.version(), draftOf(reserved, byHand)));
      assertEquals(ProblemType.VEHICLE_HELD, held.type());
      assertTrue(held.getMessage().contains("deal " + deal.id()), held.getMessage());
    }
    assertEquals(
        ProblemType.VEHICLE_HELD,
        assertThrows(ProblemException.class, () -> inventory.remove(vehicle)).type());
    assertEquals(VehicleStatus.RESERVED, inventory.vehicle(vehicle).status());
    assertEquals(
        ProblemType.PRECONDITION_FAILED,
        assertThrows(ProblemException.class, () -> deals.close(deal.id(), deal.version() + 1))
            .type());
    DealView closed = deals.close(deal.id(), deal.version());
    assertEquals(DealStatus.CLOSED, closed.status());
    assertEquals(LeadStatus.WON, leads.lead(lead.id()).status());
    assertEquals(VehicleStatus.SOLD, inventory.vehicle(vehicle).status());

    assertEquals(1, data.outboxEvents("lead", lead.id(), "lead.created"));
    assertEquals(5, data.outboxEvents("lead", lead.id(), "lead.status_changed"));
    assertEquals(1, data.outboxEvents("test-drive", drive.id(), "test_drive.scheduled"));
    assertEquals(1, data.outboxEvents("deal", deal.id(), "deal.closed"));
    assertEquals(1, data.outboxEvents("vehicle", vehicle, "vehicle.sold"));

    Funnel funnel = reports.funnel(dealership);
    assertEquals(1L, funnel.leadsByStage().get(LeadStatus.WON));
    assertEquals(1.0, funnel.conversionRate());
    List<RevenueLine> revenue =
        reports.revenue(
            Instant.now().minus(1, ChronoUnit.DAYS),
            Instant.now().plus(1, ChronoUnit.DAYS),
            dealership);
    assertEquals(1, revenue.size());
    assertEquals(0, new BigDecimal("19500.00").compareTo(revenue.get(0).revenue()));
  }

  @Test
  void aCancelledDealReleasesItsVehicleAndTheNextDealHoldsIt() {
    String dealership = data.dealership();
    long vehicle = vehicle(dealership, "14990.00");
    LeadView first = qualified(dealership, vehicle);
    LeadView second = qualified(dealership, vehicle);
    DealView deal =
        deals.create(
            new DealDraft(first.id(), vehicle, new BigDecimal("14500.00"), "EUR", null, false),
            null);
    ProblemException taken =
        assertThrows(
            ProblemException.class,
            () ->
                deals.create(
                    new DealDraft(
                        second.id(), vehicle, new BigDecimal("14600.00"), "EUR", null, false),
                    null));
    assertEquals(ProblemType.VEHICLE_UNAVAILABLE, taken.type());
    DealView cancelled = deals.cancel(deal.id(), deal.version());
    assertEquals(DealStatus.CANCELLED, cancelled.status());
    assertEquals(
        ProblemType.PRECONDITION_FAILED,
        assertThrows(ProblemException.class, () -> deals.cancel(deal.id(), deal.version())).type());
    assertEquals(
        ProblemType.CONFLICT,
        assertThrows(ProblemException.class, () -> deals.cancel(deal.id(), cancelled.version()))
            .type());
    VehicleView released = inventory.vehicle(vehicle);
    assertEquals(VehicleStatus.AVAILABLE, released.status());
    // released, the vehicle is staff's again: reserved and made available by hand
    VehicleView byHand =
        inventory.update(vehicle, released.version(), draftOf(released, VehicleStatus.RESERVED));
    byHand = inventory.update(vehicle, byHand.version(), draftOf(byHand, VehicleStatus.AVAILABLE));
    DealView next =
        deals.create(
            new DealDraft(second.id(), vehicle, new BigDecimal("14600.00"), "EUR", null, false),
            null);
    VehicleView held = inventory.vehicle(vehicle);
    ProblemException refused =
        assertThrows(
            ProblemException.class,
            () ->
                inventory.update(vehicle, held.version(), draftOf(held, VehicleStatus.AVAILABLE)));
    assertTrue(refused.getMessage().contains("deal " + next.id()), refused.getMessage());
  }

  private LeadView qualified(String dealership, long vehicle) {
    LeadView lead = leads.create(lead(dealership, vehicle), null);
    lead =
        leads.transition(lead.id(), lead.version(), new LeadTransition(LeadStatus.CONTACTED, null));
    return leads.transition(
        lead.id(), lead.version(), new LeadTransition(LeadStatus.QUALIFIED, null));
  }

  private static VehicleDraft draftOf(VehicleView v, VehicleStatus status) {
    return new VehicleDraft(
        v.vin(),
        v.make(),
        v.model(),
        v.trim(),
        v.modelYear(),
        v.mileage(),
        v.colour(),
        v.price(),
        v.currency(),
        status,
        v.dealershipCode());
  }

  @Test
  void theRelayClaimsPendingEventsOnceAndStampsThemPublished() {
    String dealership = data.dealership();
    LeadView lead = leads.create(lead(dealership, null), null);
    String event = data.outboxEventIds("lead", lead.id()).get(0);
    List<String> claimed =
        outbox.claim(10_000, Duration.ofSeconds(30)).stream().map(OutboxEvent::id).toList();
    assertTrue(claimed.contains(event));
    assertFalse(
        outbox.claim(10_000, Duration.ofSeconds(30)).stream()
            .map(OutboxEvent::id)
            .toList()
            .contains(event),
        "a claimed event is not handed to a second relay during its lease");
    outbox.published(claimed);
    assertTrue(data.published(event));
    assertTrue(outbox.purgeOlderThan(Duration.ofDays(1)) >= 0);
  }

  @Test
  void subscribersAreFoundByEventTypeAndTheirSecretRoundTripsEncrypted() {
    WebhookView subscribed =
        webhooks.subscribe(
            new WebhookDraft(
                "https://crm.example/hooks", Set.of("lead.created", "deal.closed"), "CRM"));
    assertNotNull(subscribed.secret());
    assertEquals(subscribed.secret(), deliveries.target(subscribed.id()).secret());
    assertEquals(null, webhooks.subscription(subscribed.id()).secret());

    String eventId = java.util.UUID.randomUUID().toString();
    assertTrue(fanOut.consume(eventId, "lead.created").contains(subscribed.id()));
    assertTrue(
        fanOut.consume(eventId, "lead.created").contains(subscribed.id()),
        "a repeat is fanned out again");
    assertEquals(1, data.processedEvents(eventId), "but recorded as processed once");
    assertFalse(
        fanOut
            .consume(java.util.UUID.randomUUID().toString(), "vehicle.sold")
            .contains(subscribed.id()));

    assertFalse(deliveries.deliveredBefore(subscribed.id(), eventId));
    deliveries.record(
        subscribed.id(),
        eventId,
        "lead.created",
        1,
        WebhookDelivery.Outcome.DELIVERED,
        204,
        null,
        12);
    assertTrue(deliveries.deliveredBefore(subscribed.id(), eventId));
    List<DeliveryView> log = webhooks.deliveries(subscribed.id(), null, 10);
    assertEquals(1, log.size());
    assertEquals("DELIVERED", log.get(0).outcome());

    webhooks.unsubscribe(subscribed.id());
    assertEquals(null, deliveries.target(subscribed.id()));
    assertFalse(
        fanOut
            .consume(java.util.UUID.randomUUID().toString(), "lead.created")
            .contains(subscribed.id()));
    ProblemException unknown =
        assertThrows(
            ProblemException.class,
            () ->
                webhooks.subscribe(
                    new WebhookDraft("https://crm.example/hooks", Set.of("lead.eaten"), null)));
    assertEquals(ProblemType.VALIDATION_FAILED, unknown.type());
  }
}
