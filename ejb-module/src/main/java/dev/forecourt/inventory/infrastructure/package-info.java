/** Inventory's adapters to the outside world: the external valuation service's REST client. */
package dev.forecourt.inventory.infrastructure;
