/** MicroProfile Health checks: liveness, readiness (database and schema) and start-up. */
package dev.forecourt.platform.health;
