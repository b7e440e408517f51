package dev.forecourt.platform.events;

import java.util.Arrays;
import java.util.Optional;

/** The domain events Forecourt publishes, by their wire name (the {@code type} of the envelope). */
public enum EventType {
  LEAD_CREATED("lead.created"),
  LEAD_STATUS_CHANGED("lead.status_changed"),
  TEST_DRIVE_SCHEDULED("test_drive.scheduled"),
  DEAL_CLOSED("deal.closed"),
  VEHICLE_PRICE_CHANGED("vehicle.price_changed"),
  VEHICLE_SOLD("vehicle.sold"),
  SLA_VIOLATED("sla.violated"),
  SLA_RECOVERED("sla.recovered");

  private final String wireName;

  EventType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<EventType> ofWireName(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
  }
}
