/**
 * Integrations: outbound webhooks fed by the event queue (signed in the Standard Webhooks style,
 * retried with backoff, dead-lettered), and inbound marketplace leads verified the same way.
 */
package dev.forecourt.integration.application;
