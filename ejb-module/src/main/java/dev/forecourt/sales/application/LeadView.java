package dev.forecourt.sales.application;

import dev.forecourt.platform.security.DealershipBound;
import dev.forecourt.sales.domain.Lead;
import dev.forecourt.sales.domain.LeadSource;
import dev.forecourt.sales.domain.LeadStatus;
import java.time.Instant;
import java.util.List;

/** A lead as answered by the API, with the stages it may move to next. */
public record LeadView(
    long id,
    long customerId,
    String dealershipCode,
    Long vehicleId,
    LeadSource source,
    LeadStatus status,
    List<LeadStatus> allowedTransitions,
    String lostReason,
    String assignedTo,
    Instant createdAt,
    Instant updatedAt,
    long version)
    implements DealershipBound {

  static LeadView of(Lead lead) {
    return new LeadView(
        lead.id(),
        lead.customerId(),
        lead.dealership().code(),
        lead.vehicleId(),
        lead.source(),
        lead.status(),
        List.copyOf(lead.status().next()),
        lead.lostReason(),
        lead.assignedTo(),
        lead.createdAt(),
        lead.updatedAt(),
        lead.version());
  }
}
