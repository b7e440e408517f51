/** The JPA second-level cache: its statistics, published as application metrics. */
package dev.forecourt.platform.cache;
