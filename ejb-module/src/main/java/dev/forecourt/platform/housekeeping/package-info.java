/** Periodic clean-up of the platform's tables (audit retention, idempotency records). */
package dev.forecourt.platform.housekeeping;
