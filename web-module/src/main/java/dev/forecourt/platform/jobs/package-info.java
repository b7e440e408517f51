/** HTTP API of the dead letter queue (admins). */
package dev.forecourt.platform.jobs;
