/**
 * Maintenance mode: an admin switch ({@link dev.forecourt.platform.maintenance.MaintenanceService})
 * stored in the database for every node, read per request through a short cache ({@link
 * dev.forecourt.platform.maintenance.MaintenanceMode}), enforced on the API by one JAX-RS filter
 * (web module) and shown in {@code /health} by {@link
 * dev.forecourt.platform.maintenance.MaintenanceReadiness}.
 */
package dev.forecourt.platform.maintenance;
