/** Sign-in endpoints of local accounts, their administration, and the JWKS of Forecourt's own tokens. */
package dev.forecourt.identity.api;
