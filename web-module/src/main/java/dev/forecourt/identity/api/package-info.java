/**
 * Sign-in endpoints of local accounts, their administration, and the JWKS of Forecourt's own
 * tokens; the authentication mechanism (the single entry for every credential: bearer tokens, API
 * keys) and the answer to a refused credential.
 */
package dev.forecourt.identity.api;
