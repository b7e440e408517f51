/**
 * Authentication of callers: the verification of bearer tokens (MP-JWT claims, RS256, issuer,
 * audience, JWKS with refresh on an unknown key id) and the principal it yields. The web module's
 * authentication mechanism is the one place that applies it to requests.
 */
package dev.forecourt.platform.security;
