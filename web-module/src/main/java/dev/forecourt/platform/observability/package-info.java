/** Request correlation ids and per-endpoint request metrics. */
package dev.forecourt.platform.observability;
