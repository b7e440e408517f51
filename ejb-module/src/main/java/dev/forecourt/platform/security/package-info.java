/**
 * What every context shares about callers: the principals an authentication yields (token, API
 * key), the dealership scoping of callers and its interceptor, the intrusion ledger, the secret
 * cipher. Token verification and the authentication mechanism belong to the identity context.
 */
package dev.forecourt.platform.security;
