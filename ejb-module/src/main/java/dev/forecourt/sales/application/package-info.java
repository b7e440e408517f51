/**
 * The sales use cases: leads and their funnel, activities, test drives, deals and the business
 * figures (funnel, revenue). Every state-changing call is audited; creating calls honour an
 * Idempotency-Key; work is scoped to the caller's dealerships.
 */
package dev.forecourt.sales.application;
