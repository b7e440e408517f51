package dev.forecourt.sales.application;

/**
 * Interest in one dealership's vehicles over a period: views (one per visitor per hour) and
 * inquiries (leads naming a vehicle).
 */
public record DealershipInterest(String dealershipCode, long views, long inquiries) {}
