/** Integrations: webhook subscriptions and their delivery log, inbound signed messages seen. */
package dev.forecourt.integration.domain;
