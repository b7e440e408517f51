/**
 * The sales domain: customers, leads and their funnel (an explicit state machine), activities, test
 * drives and deals. Entities guard their own invariants; use cases live in {@code
 * dev.forecourt.sales.application}.
 */
package dev.forecourt.sales.domain;
