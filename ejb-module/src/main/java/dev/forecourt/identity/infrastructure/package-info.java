/**
 * Identity's adapters to the outside world: the SMTP mail of password resets, the JWKS fetch of an
 * SSO provider.
 */
package dev.forecourt.identity.infrastructure;
