/**
 * Database schema ownership: Flyway migrations applied at deployment, before the application serves
 * traffic.
 */
package dev.forecourt.platform.persistence;
