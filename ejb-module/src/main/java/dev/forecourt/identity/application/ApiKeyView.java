package dev.forecourt.identity.application;

import dev.forecourt.identity.domain.ApiKey;
import java.time.Instant;
import java.util.Set;

/**
 * An API key as listed: never its secret. {@code key} is set only in the answer that creates or
 * rotates it.
 */
public record ApiKeyView(
    long id,
    String prefix,
    String name,
    Set<String> scopes,
    Set<String> dealerships,
    String createdBy,
    Instant createdAt,
    Instant expiresAt,
    Instant revokedAt,
    Instant lastUsedAt,
    Instant previousValidUntil,
    String key) {

  static ApiKeyView of(ApiKey k, String key) {
    return new ApiKeyView(
        k.id(),
        k.prefix(),
        k.name(),
        k.scopes(),
        k.dealerships(),
        k.createdBy(),
        k.createdAt(),
        k.expiresAt(),
        k.revokedAt(),
        k.lastUsedAt(),
        k.previousValidUntil(),
        key);
  }
}
