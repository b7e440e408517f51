/** Identity: local accounts, login throttling, refresh-token families and token signing keys. */
package dev.forecourt.identity.domain;
