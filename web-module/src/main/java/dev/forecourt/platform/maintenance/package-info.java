/**
 * Maintenance mode on the API: the admin switch and the filter that refuses writes while it is on.
 */
package dev.forecourt.platform.maintenance;
