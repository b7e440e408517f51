/**
 * Rate limiting with Bucket4j token buckets kept in an Infinispan cache (cluster-capable: the same
 * buckets are shared once the cache is clustered). One JAX-RS filter applies the limits to every
 * API request; the limits come from MP Config and are read per request, so an operator changes them
 * without a redeployment.
 */
package dev.forecourt.platform.ratelimit;
