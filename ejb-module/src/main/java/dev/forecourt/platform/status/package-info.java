/** What runs where: the release, the node, its uptime and the cluster's members. */
package dev.forecourt.platform.status;
