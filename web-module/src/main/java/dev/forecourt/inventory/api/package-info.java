/**
 * The inventory REST API: vehicles (search, read, list, change, remove, valuation) and dealerships.
 */
package dev.forecourt.inventory.api;
