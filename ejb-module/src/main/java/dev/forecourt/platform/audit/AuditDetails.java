package dev.forecourt.platform.audit;

import java.util.Map;

/**
 * A result of an {@link Audited} call that carries what the call decided itself (not given in its
 * arguments), recorded with the arguments in the audit record's changes, e.g. the signing keys a
 * rotation retired. Sensitive names are masked like arguments; never return secrets here.
 */
public interface AuditDetails {

  /** The details by name, JSON-B serializable. */
  Map<String, Object> auditDetails();
}
