package dev.forecourt.sales.application;

import dev.forecourt.sales.domain.TestDriveStatus;
import java.time.Instant;

/**
 * Filters of the test-drive schedule: the bookings starting in [from, to) (null status: any), by
 * start, at most {@code limit}.
 */
public record TestDriveSearch(
    Instant from, Instant to, TestDriveStatus status, String dealershipCode, int limit) {}
