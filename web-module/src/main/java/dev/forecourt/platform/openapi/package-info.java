/**
 * The OpenAPI document at {@code /openapi}: what the MicroProfile OpenAPI annotations on the
 * resources leave to the code (record schemas, problem responses, access per operation, path
 * templates without the JAX-RS regex).
 */
package dev.forecourt.platform.openapi;
