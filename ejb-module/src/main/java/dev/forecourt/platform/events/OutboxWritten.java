package dev.forecourt.platform.events;

/** CDI event: an outbox entry was written in the current transaction. */
public record OutboxWritten() {}
