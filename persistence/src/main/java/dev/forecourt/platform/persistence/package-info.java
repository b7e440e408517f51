/** Mapping support shared by every bounded context's entities. */
package dev.forecourt.platform.persistence;
