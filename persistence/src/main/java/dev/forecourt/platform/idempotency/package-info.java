/** The answers remembered for requests sent with an {@code Idempotency-Key}. */
package dev.forecourt.platform.idempotency;
