/**
 * The web side of security, one class per concern: intrusion detection, security headers and CORS
 * on every response. The authentication mechanism is identity's ({@code
 * dev.forecourt.identity.api}).
 */
package dev.forecourt.platform.security;
