package dev.forecourt.sales.application;

/**
 * Where a lead received from an integration came from: the source and that source's own lead
 * reference.
 */
record ExternalReference(String source, String reference) {}
