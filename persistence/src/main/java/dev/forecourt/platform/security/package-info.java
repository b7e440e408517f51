/**
 * What every context shares about callers: the roles and the API-key scopes (stored with accounts
 * and keys).
 */
package dev.forecourt.platform.security;
