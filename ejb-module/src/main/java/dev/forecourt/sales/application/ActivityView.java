package dev.forecourt.sales.application;

import dev.forecourt.sales.domain.ActivityKind;
import dev.forecourt.sales.domain.LeadActivity;
import java.time.Instant;

/** An activity on a lead. */
public record ActivityView(
    long id, long leadId, ActivityKind kind, String note, String actor, Instant occurredAt) {

  static ActivityView of(LeadActivity a) {
    return new ActivityView(a.id(), a.lead().id(), a.kind(), a.note(), a.actor(), a.occurredAt());
  }
}
