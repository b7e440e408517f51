/** Maintenance mode: the switch, stored once for every node of a cluster. */
package dev.forecourt.platform.maintenance;
