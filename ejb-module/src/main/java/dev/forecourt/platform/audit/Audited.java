package dev.forecourt.platform.audit;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A state-changing use case whose every call is recorded in the audit trail, successful or not:
 * who, what ({@link #entity()}, the {@link EntityId} parameter or the result's id, {@link
 * #action()}, the arguments with sensitive values masked), when, from where and the outcome.
 * Enforced by {@link AuditInterceptor}, the one place of auditing.
 */
@InterceptorBinding
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface Audited {

  /** The entity type the call changes, e.g. {@code lead}. */
  @Nonbinding
  String entity() default "";

  /** The action, e.g. {@code create}; defaults to the method name. */
  @Nonbinding
  String action() default "";
}
