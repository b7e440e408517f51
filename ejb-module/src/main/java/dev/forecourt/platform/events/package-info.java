/**
 * Domain events: written to the transactional outbox with the change ({@link DomainEvents}), moved
 * to the event queue by the {@link OutboxRelay}.
 */
package dev.forecourt.platform.events;
