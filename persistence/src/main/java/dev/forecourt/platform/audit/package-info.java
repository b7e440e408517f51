/** The audit trail's rows: the records of a hash chain and the chain's head. */
package dev.forecourt.platform.audit;
