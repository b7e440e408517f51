/**
 * The SLA monitor's records: per-minute answers of each node and the incidents of breached
 * objectives.
 */
package dev.forecourt.platform.sla;
