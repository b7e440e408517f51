package dev.forecourt.platform.housekeeping;

/**
 * The CDI event {@link Housekeeping} fires at each run, inside its transaction: a context purges
 * what it owns by observing it (synchronously; an exception reaches Housekeeping, which logs it).
 */
public record HousekeepingDue() {}
