package dev.forecourt.sales.application;

import dev.forecourt.sales.domain.LeadSource;
import dev.forecourt.sales.domain.LeadStatus;
import java.util.Map;

/**
 * Leads by stage and by source (every stage and source, zero included), and the conversion rate:
 * won / (won + lost), the share of decided leads that were won (null while none is decided).
 */
public record Funnel(
    Map<LeadStatus, Long> leadsByStage,
    Map<LeadSource, Long> leadsBySource,
    long total,
    Double conversionRate) {}
