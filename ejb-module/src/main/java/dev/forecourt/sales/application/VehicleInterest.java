package dev.forecourt.sales.application;

/**
 * Interest in one vehicle over a period: views (one per visitor per hour) and inquiries (leads
 * naming it).
 */
public record VehicleInterest(long vehicleId, String dealershipCode, long views, long inquiries) {}
