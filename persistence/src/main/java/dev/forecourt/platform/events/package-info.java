/** The transactional outbox of domain events and the consumer's record of processed events. */
package dev.forecourt.platform.events;
