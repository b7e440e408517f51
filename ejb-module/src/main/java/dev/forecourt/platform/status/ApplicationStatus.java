package dev.forecourt.platform.status;

import java.time.Instant;
import java.util.List;

/**
 * The application on the node that answered: its release {@code version}, the {@code node} (Payara
 * instance name, else host name), when the application started there and for how long ({@code
 * uptime}, ISO-8601, whole seconds), and the {@code members} of the cluster as this node sees them
 * (itself alone when not clustered).
 */
public record ApplicationStatus(
    String version, String node, Instant startedAt, String uptime, List<String> members) {}
