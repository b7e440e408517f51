/**
 * Identity use cases: local login with bcrypt passwords and lockout, Forecourt's own RS256 access
 * tokens and their JWKS, refresh-token families with rotation and reuse detection.
 */
package dev.forecourt.identity.application;
