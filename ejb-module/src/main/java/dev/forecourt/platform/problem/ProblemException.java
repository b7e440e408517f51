package dev.forecourt.platform.problem;

import jakarta.ejb.ApplicationException;
import java.util.List;

/**
 * An expected failure of a use case, of the kind {@link #type()}; the web module answers it as a
 * problem with the status its table gives the kind (no HTTP status here). An EJB application
 * exception: it reaches the caller unwrapped and rolls the transaction back; its subclasses inherit
 * that.
 *
 * <p>Abstract, with protected constructors: what is thrown is always a subclass named for what
 * happened in the domain ({@link NotFound}, {@code VehicleUnavailable}, {@code
 * IllegalLeadTransition}, {@code CredentialsRejected}, {@link StaleVersion}, ...), placed in the
 * bounded context it belongs to, or here when every context raises it. The subclass chooses the
 * kind, the detail text, the field errors, a {@code Retry-After} and the values allowed instead.
 */
@ApplicationException(rollback = true)
public abstract class ProblemException extends RuntimeException {

  private final ProblemType type;
  private final transient List<FieldError> fieldErrors;
  private Long retryAfterSeconds;
  private List<String> allowed;

  protected ProblemException(ProblemType type, String detail) {
    this(type, detail, List.of());
  }

  protected ProblemException(ProblemType type, String detail, List<FieldError> fieldErrors) {
    super(detail, null, false, false);
    this.type = type;
    this.fieldErrors = List.copyOf(fieldErrors);
  }

  public static NotFound notFound(String what, Object id) {
    return new NotFound(what, id);
  }

  public static InvalidParameter invalidParameter(String name, String message) {
    return new InvalidParameter(name, message);
  }

  /** Adds a {@code Retry-After} to the answer. */
  protected ProblemException retryAfter(long seconds) {
    this.retryAfterSeconds = Math.max(1, seconds);
    return this;
  }

  /** Adds the values allowed instead (e.g. the stages a lead may move to) to the answer. */
  protected ProblemException allowed(List<String> values) {
    this.allowed = List.copyOf(values);
    return this;
  }

  /** The values allowed instead, or null. */
  public List<String> allowed() {
    return allowed;
  }

  /** Seconds for a {@code Retry-After} header, or null. */
  public Long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public ProblemType type() {
    return type;
  }

  public List<FieldError> fieldErrors() {
    return fieldErrors;
  }
}
