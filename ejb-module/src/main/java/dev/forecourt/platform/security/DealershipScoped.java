package dev.forecourt.platform.security;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Row-level scoping by dealership: a method (or every method of a class) bound to this may only be
 * called for dealerships assigned to the caller — the {@code dealerships} claim of its token
 * (rooftop codes); admins for all. The dealerships a call concerns are its arguments that are
 * {@link DealershipBound} and its {@link DealershipOf} parameters. Enforced by {@link
 * DealershipScopeInterceptor}, the one place of this rule.
 */
@InterceptorBinding
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface DealershipScoped {}
