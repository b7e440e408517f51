/**
 * Integration's adapters: the JMS listeners of the event and webhook queues, the webhook HTTP call.
 */
package dev.forecourt.integration.infrastructure;
