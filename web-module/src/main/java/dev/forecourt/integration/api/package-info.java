/**
 * HTTP API of integrations: webhook subscriptions and their delivery log, inbound marketplace
 * leads.
 */
package dev.forecourt.integration.api;
