/** Start-up validation of the {@code forecourt.*} MicroProfile Config keys. */
package dev.forecourt.platform.config;
