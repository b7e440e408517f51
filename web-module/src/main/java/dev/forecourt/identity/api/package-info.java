/** Sign-in endpoints of local accounts and the JWKS of Forecourt's own tokens. */
package dev.forecourt.identity.api;
