package dev.forecourt.sales.application;

import dev.forecourt.platform.events.DomainEvents;
import dev.forecourt.platform.events.EventType;
import dev.forecourt.sales.domain.Deal;
import dev.forecourt.sales.domain.Lead;
import dev.forecourt.sales.domain.LeadStatus;
import dev.forecourt.sales.domain.TestDrive;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sales domain's events and their payloads (ids, stages, money; no personal data), published in
 * the caller's transaction.
 */
@Dependent
public class SalesEvents {

  @EJB DomainEvents events;

  void leadCreated(Lead lead) {
    Map<String, Object> data = lead(lead);
    data.put("source", lead.source().name());
    data.put("status", lead.status().name());
    put(data, "vehicleId", lead.vehicleId());
    data.put("customerId", lead.customerId());
    put(data, "externalSource", lead.externalSource());
    put(data, "externalRef", lead.externalRef());
    events.publish(EventType.LEAD_CREATED, "lead", lead.id(), data);
  }

  /** Publishes {@code lead.status_changed} if the lead's stage is no longer {@code from}. */
  void leadMoved(Lead lead, LeadStatus from) {
    if (lead.status() == from) {
      return;
    }
    Map<String, Object> data = lead(lead);
    data.put("from", from.name());
    data.put("to", lead.status().name());
    events.publish(EventType.LEAD_STATUS_CHANGED, "lead", lead.id(), data);
  }

  void testDriveScheduled(TestDrive drive) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("testDriveId", drive.id());
    data.put("leadId", drive.leadId());
    data.put("vehicleId", drive.vehicleId());
    data.put("dealership", drive.dealership().code());
    data.put("startsAt", drive.startsAt().toString());
    data.put("endsAt", drive.endsAt().toString());
    events.publish(EventType.TEST_DRIVE_SCHEDULED, "test-drive", drive.id(), data);
  }

  /** {@code deal.closed} and {@code vehicle.sold}. */
  void dealClosed(Deal deal) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("dealId", deal.id());
    data.put("leadId", deal.leadId());
    data.put("vehicleId", deal.vehicleId());
    data.put("dealership", deal.dealership().code());
    data.put("salePrice", deal.price().amount().toPlainString());
    data.put("currency", deal.price().currency());
    data.put("financed", deal.financed());
    data.put("closedAt", deal.closedAt().toString());
    events.publish(EventType.DEAL_CLOSED, "deal", deal.id(), data);
    Map<String, Object> sold = new LinkedHashMap<>();
    sold.put("vehicleId", deal.vehicleId());
    sold.put("vin", deal.vehicle().vin().toString());
    sold.put("dealership", deal.dealership().code());
    sold.put("dealId", deal.id());
    sold.put("salePrice", deal.price().amount().toPlainString());
    sold.put("currency", deal.price().currency());
    events.publish(EventType.VEHICLE_SOLD, "vehicle", deal.vehicleId(), sold);
  }

  private static Map<String, Object> lead(Lead lead) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("leadId", lead.id());
    data.put("dealership", lead.dealership().code());
    return data;
  }

  private static void put(Map<String, Object> data, String key, Object value) {
    if (value != null) {
      data.put(key, value);
    }
  }
}
