/**
 * Idempotency-Key for creating use cases: the {@link dev.forecourt.platform.idempotency.Idempotent}
 * binding.
 */
package dev.forecourt.platform.idempotency;
