package dev.forecourt.sales.application;

import java.time.Instant;
import java.util.List;

/**
 * Everything Forecourt holds about a customer (GDPR right of access): the customer record and each
 * of their leads with its activities, test drives and deals.
 */
public record CustomerExport(Instant exportedAt, CustomerRecord customer, List<LeadData> leads) {

  /** One lead of the customer and what hangs off it. */
  public record LeadData(
      LeadView lead,
      List<ActivityView> activities,
      List<TestDriveView> testDrives,
      List<DealView> deals) {}
}
