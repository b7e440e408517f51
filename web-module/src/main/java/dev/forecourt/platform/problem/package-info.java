/**
 * RFC 9457 problem responses: the one place where exceptions become {@code
 * application/problem+json}.
 */
package dev.forecourt.platform.problem;
