/**
 * The JMS job queues (server-managed: created by server-config/payara/configure-domain.sh), their
 * redelivery with exponential backoff and jitter, and the dead letter queue that admins work off.
 */
package dev.forecourt.platform.jobs;
