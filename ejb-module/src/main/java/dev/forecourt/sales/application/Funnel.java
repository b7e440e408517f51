package dev.forecourt.sales.application;

import dev.forecourt.sales.domain.LeadStatus;
import java.util.Map;

/**
 * Leads by stage, and the conversion rate: won / (won + lost), the share of decided leads that were
 * won (null while none is decided).
 */
public record Funnel(Map<LeadStatus, Long> leadsByStage, long total, Double conversionRate) {}
