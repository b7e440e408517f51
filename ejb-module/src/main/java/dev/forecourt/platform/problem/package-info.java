/**
 * The catalogue of problem types (RFC 9457) and the application exceptions that carry them out of
 * the services.
 */
package dev.forecourt.platform.problem;
