/** The JAX-RS application: base path, the bare ping endpoint and request-level protections. */
package dev.forecourt.platform.web;
