/**
 * The inventory aggregates: dealerships (rooftops) and the vehicles they stock, with their price
 * history.
 */
package dev.forecourt.inventory.domain;
