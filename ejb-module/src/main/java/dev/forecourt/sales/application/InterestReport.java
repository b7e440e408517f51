package dev.forecourt.sales.application;

import java.util.List;

/** Vehicle interest over a period: per dealership, and the most viewed vehicles. */
public record InterestReport(
    List<DealershipInterest> dealerships, List<VehicleInterest> mostViewed) {}
