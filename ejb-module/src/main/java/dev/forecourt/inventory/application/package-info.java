/**
 * Inventory use cases: listing, searching and changing vehicles, and valuing them through the
 * external valuation service.
 */
package dev.forecourt.inventory.application;
