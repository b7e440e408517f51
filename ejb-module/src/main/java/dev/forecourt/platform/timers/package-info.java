/**
 * Timers on a cluster: {@link dev.forecourt.platform.timers.OncePerCluster} makes an EJB timer's
 * work run on one node at a time, whatever the number of nodes.
 */
package dev.forecourt.platform.timers;
