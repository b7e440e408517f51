/** The audit trail's admin API: query, CSV export, verification, purge. */
package dev.forecourt.platform.audit;
