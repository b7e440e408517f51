package dev.forecourt.platform.security;

import java.io.Serializable;
import java.time.Instant;

/** A client address blocked after repeated intrusion attempts, until {@code blockedUntil}. */
public record BlockedClient(
    String address, Instant blockedAt, Instant blockedUntil, int events, String lastRule)
    implements Serializable {}
