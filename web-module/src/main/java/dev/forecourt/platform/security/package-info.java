/**
 * The web side of security, one class per concern: the authentication mechanism (bearer tokens
 * today, the single entry for every credential), the answer to a refused credential, security
 * headers and CORS on every response.
 */
package dev.forecourt.platform.security;
