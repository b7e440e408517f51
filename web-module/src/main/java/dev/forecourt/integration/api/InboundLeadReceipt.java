package dev.forecourt.integration.api;

/** The answer to a marketplace's lead: its id in Forecourt, and whether this message created it. */
public record InboundLeadReceipt(long leadId, boolean created) {}
