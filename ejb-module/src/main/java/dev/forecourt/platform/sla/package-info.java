/**
 * The SLA monitor: each node's API answers measured second by second ({@link
 * dev.forecourt.platform.sla.SlaMeasurements}, fed by the web module's request filter), the
 * availability, latency and error-rate objectives judged over a sliding window ({@link
 * dev.forecourt.platform.sla.SlaMonitor}), incidents with alert webhooks, the 30-day error budget,
 * gauges and the admins' report.
 */
package dev.forecourt.platform.sla;
